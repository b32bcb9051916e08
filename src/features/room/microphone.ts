import { classifyMicrophoneError, type MicrophoneProblem } from "./microphone-problems";

/**
 * Opens the microphone with the browser's voice processing on: echo cancellation (listeners'
 * speakers leak into mics), noise suppression and automatic gain. Mono is all speech needs.
 * Never throws: a failure comes back as a problem the room can explain (see microphone-problems).
 */
export async function openMicrophone(): Promise<
  { track: MediaStreamTrack } | { problem: MicrophoneProblem }
> {
  // Absent outside secure contexts (plain http), which the DOM types do not model.
  if (!("mediaDevices" in navigator) || !("getUserMedia" in navigator.mediaDevices))
    return { problem: "unavailable" };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
      video: false,
    });
    const track = stream.getAudioTracks()[0];
    return track ? { track } : { problem: "no-device" };
  } catch (error) {
    return { problem: classifyMicrophoneError(error) };
  }
}
