import { classifyMicrophoneError, type MicrophoneProblem } from "./microphone-problems";

/**
 * What the microphone is opened with. Speech: the browser's voice processing on (echo
 * cancellation, as listeners' speakers leak into mics; noise suppression; automatic gain), mono.
 * Music mode: all three off, since they smear instruments and singing, and stereo.
 */
export function microphoneConstraints(music: boolean): MediaTrackConstraints {
  return music
    ? { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 2 }
    : { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 };
}

/**
 * Opens the microphone for speech or (`music`) for music; see microphoneConstraints.
 * Never throws: a failure comes back as a problem the room can explain (see microphone-problems).
 */
export async function openMicrophone(
  music = false,
): Promise<{ track: MediaStreamTrack } | { problem: MicrophoneProblem }> {
  // Absent outside secure contexts (plain http), which the DOM types do not model.
  if (!("mediaDevices" in navigator) || !("getUserMedia" in navigator.mediaDevices))
    return { problem: "unavailable" };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: microphoneConstraints(music),
      video: false,
    });
    const track = stream.getAudioTracks()[0];
    return track ? { track } : { problem: "no-device" };
  } catch (error) {
    return { problem: classifyMicrophoneError(error) };
  }
}
