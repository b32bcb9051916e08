/**
 * What can go wrong with a speaker's microphone, and what we tell them. Pure (no browser APIs),
 * so the mapping from a browser error to advice is unit-tested; the sentences are in the room
 * catalog (messages/<locale>/room.json, `mic.*`).
 *
 * - denied: the person or the browser refused access (NotAllowedError / SecurityError);
 * - no-device: there is no microphone (NotFoundError, OverconstrainedError, or no audio track);
 * - in-use: the device exists but cannot be opened, usually another app holds it (NotReadableError);
 * - unplugged: the microphone went away while they were on stage (the track ended);
 * - unavailable: this page cannot ask at all (no mediaDevices: not https, or a very old browser).
 */
export type MicrophoneProblem = "denied" | "no-device" | "in-use" | "unplugged" | "unavailable";

/**
 * What we tell them, as keys of the room catalog's `mic.<problem>` entries: the title, what happened
 * (followed by the muted note), and the steps that fix it, in order (followed by "Then tap Try
 * again." when retrying can help).
 */
/** A step that fixes a problem: a key of the room catalog's `mic.steps`. */
export type MicrophoneStep = "computer" | "ios" | "android" | "plugIn" | "closeApps" | "reconnect" | "https";

/**
 * What we tell them, as keys of the room catalog: `mic.<problem>.title` and `.message` (followed
 * by the muted note), then the steps that fix it, in order (and "Then tap Try again." when retrying
 * can help).
 */
export type MicrophoneAdvice = {
  problem: MicrophoneProblem;
  steps: readonly MicrophoneStep[];
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

const STEPS: Record<MicrophoneProblem, readonly MicrophoneStep[]> = {
  denied: ["computer", "ios", "android"],
  "no-device": ["plugIn"],
  "in-use": ["closeApps"],
  unplugged: ["reconnect"],
  unavailable: ["https"],
};

/** The advice for a problem (the card renders it with the room catalog's `mic.*` sentences). */
export function adviseOnMicrophone(problem: MicrophoneProblem): MicrophoneAdvice {
  return { problem, steps: STEPS[problem], canRetry: problem !== "unavailable" };
}
