/**
 * What can go wrong with a speaker's microphone, and what we tell them. Pure (no browser APIs),
 * so the mapping from a browser error to a sentence is unit-tested.
 *
 * - denied: the person or the browser refused access (NotAllowedError / SecurityError);
 * - no-device: there is no microphone (NotFoundError, OverconstrainedError, or no audio track);
 * - in-use: the device exists but cannot be opened, usually another app holds it (NotReadableError);
 * - unplugged: the microphone went away while they were on stage (the track ended);
 * - unavailable: this page cannot ask at all (no mediaDevices: not https, or a very old browser).
 */
export type MicrophoneProblem = "denied" | "no-device" | "in-use" | "unplugged" | "unavailable";

export type MicrophoneAdvice = {
  title: string;
  /** What happened and that the room now sees them as muted. */
  message: string;
  /** Steps that fix it, in order; shown as a list. */
  steps: string[];
  /** Whether "Try again" can help without reloading (false only when the page itself cannot). */
  canRetry: boolean;
};

/** Maps a getUserMedia rejection (anything thrown) to a problem, by its DOMException name. */
export function classifyMicrophoneError(error: unknown): MicrophoneProblem {
  const name =
    typeof error === "object" && error !== null && "name" in error && typeof error.name === "string"
      ? error.name
      : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError": // older Chrome spelling
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "no-device";
    default:
      // NotReadableError, AbortError and anything unknown: the device is there but would not start.
      return "in-use";
  }
}

const MUTED_NOTE = "The room sees you as muted until it works.";

export function adviseOnMicrophone(problem: MicrophoneProblem): MicrophoneAdvice {
  switch (problem) {
    case "denied":
      return {
        title: "Microphone access is blocked",
        message: `This browser is not letting the room use your microphone. ${MUTED_NOTE}`,
        steps: [
          "Computer: click the icon left of the address bar (a lock or sliders), open Site settings, and set Microphone to Allow.",
          "iPhone or iPad (Safari): tap aA in the address bar, then Website Settings, and set Microphone to Allow.",
          "Android (Chrome): tap the icon left of the address bar, then Permissions, and turn on Microphone.",
          "Then tap Try again.",
        ],
        canRetry: true,
      };
    case "no-device":
      return {
        title: "No microphone found",
        message: `We could not find a microphone on this device. ${MUTED_NOTE}`,
        steps: ["Plug in a headset or microphone (or connect a Bluetooth one).", "Then tap Try again."],
        canRetry: true,
      };
    case "in-use":
      return {
        title: "Your microphone could not start",
        message: `The microphone is there but would not open; another app may be using it. ${MUTED_NOTE}`,
        steps: [
          "Close other apps or tabs that use the microphone (calls, recorders).",
          "Then tap Try again.",
        ],
        canRetry: true,
      };
    case "unplugged":
      return {
        title: "Your microphone was disconnected",
        message: `Your microphone stopped while you were on stage, so we muted you. ${MUTED_NOTE}`,
        steps: [
          "Reconnect the microphone or headset, or pick another one in your system settings.",
          "Then tap Try again.",
        ],
        canRetry: true,
      };
    case "unavailable":
      return {
        title: "This page cannot use a microphone",
        message: `Browsers only allow microphones on secure pages (https or localhost). ${MUTED_NOTE}`,
        steps: [
          "Open the room from its https address, or ask the person running this server to enable https.",
        ],
        canRetry: false,
      };
  }
}
