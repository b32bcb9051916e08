import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * The process logger. JSON lines to stdout (what log shippers want); child loggers carry
 * `{ roomId, userId }` so one room's story can be read from the logs. Secrets are redacted by
 * path as a second line of defence: nothing should log them in the first place.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "audio-rooms" },
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "cookie",
        "*.cookie",
        "headers.cookie",
        "passwordHash",
        "*.passwordHash",
        "shareKey",
        "*.shareKey",
        "inviteCode",
        "*.inviteCode",
      ],
      censor: "[redacted]",
    },
  };
  // The destination is for tests that read every line the server writes.
  return destination ? pino(options, destination) : pino(options);
}
