import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../server/logging/logger";

/** A real app logger (same redaction as production) whose JSON lines the test can read. */
export function capturedLogger(level = "info"): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, destination), lines };
}
