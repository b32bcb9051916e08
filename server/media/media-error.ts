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
