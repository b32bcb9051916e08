/**
 * A refusal from the media layer, with the protocol's error code. The edge turns it into an error
 * ack; anything else thrown by mediasoup becomes `internal`.
 */
export class MediaError extends Error {
  constructor(
    readonly code: "forbidden" | "not_found" | "invalid_state" | "invalid_input" | "room_full",
    message: string,
  ) {
    super(message);
    this.name = "MediaError";
  }
}

/**
 * mediasoup's verdict on what a client sent, as a refusal: a TypeError or UnsupportedError is its
 * "these parameters are wrong", a duplicate SSRC, MID or RID "already exists"; InvalidStateError
 * says the object closed meanwhile. Null for anything else, which is our own failure (`internal`).
 */
export function clientRefusalOf(error: unknown, invalidInput: string): MediaError | null {
  if (!(error instanceof Error)) return null;
  if (error.name === "InvalidStateError")
    return new MediaError("invalid_state", "This room's audio has been closed.");
  if (
    error instanceof TypeError ||
    error.name === "UnsupportedError" ||
    error.message.includes("already exists")
  )
    return new MediaError("invalid_input", invalidInput);
  return null;
}
