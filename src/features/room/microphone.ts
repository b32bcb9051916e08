export type MicrophoneProblem = "denied" | "no-device" | "unavailable";

/**
 * Opens the microphone with the browser's voice processing on: echo cancellation (listeners'
 * speakers leak into mics), noise suppression and automatic gain. Mono is all speech needs.
 */
export async function openMicrophone(): Promise<{ track: MediaStreamTrack } | { problem: MicrophoneProblem }> {
  if (!navigator.mediaDevices?.getUserMedia) return { problem: "unavailable" };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
      video: false,
    });
    const track = stream.getAudioTracks()[0];
    return track ? { track } : { problem: "no-device" };
  } catch (error) {
    if (error instanceof DOMException && (error.name === "NotAllowedError" || error.name === "SecurityError")) return { problem: "denied" };
    if (error instanceof DOMException && (error.name === "NotFoundError" || error.name === "OverconstrainedError")) return { problem: "no-device" };
    return { problem: "unavailable" };
  }
}

export function describeMicrophoneProblem(problem: MicrophoneProblem): string {
  switch (problem) {
    case "denied":
      return "Microphone access is blocked. Allow it in your browser's site settings, then try again.";
    case "no-device":
      return "No microphone was found. Plug one in, then try again.";
    case "unavailable":
      return "This browser cannot use a microphone here (it needs https or localhost).";
  }
}
