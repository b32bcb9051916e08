import type { Socket } from "socket.io-client";
import { z } from "zod";
import {
  ackErrorSchema,
  clientCommands,
  producerInfoSchema,
  routerRtpCapabilitiesOutputSchema,
  type ClientCommandName,
  type CommandInput,
} from "../../src/shared/protocol";

/**
 * What the bot needs from `room:join`. The browser validates the whole snapshot; a bench only
 * needs the producers and the router's capabilities, so it keeps working while unrelated
 * snapshot fields (hands, stage, ...) change shape. Unknown keys are stripped, not refused.
 */
export const joinAnswerSchema = z.object({
  snapshot: z.object({ producers: z.array(producerInfoSchema) }),
  routerRtpCapabilities: routerRtpCapabilitiesOutputSchema,
  audio: z.object({ frameMs: z.number() }),
});

/** The output schema of a command as declared by the protocol. */
export function outputOf<K extends ClientCommandName>(name: K): (typeof clientCommands)[K]["output"] {
  return clientCommands[name].output;
}

/**
 * Sends one command and waits for its ack (like src/lib/socket-request.ts), validating the
 * answer's data with `output`. Throws with the server's code and message on refusal.
 */
export async function command<K extends ClientCommandName, T>(
  socket: Socket,
  name: K,
  input: CommandInput<K>,
  output: z.ZodType<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const answer: unknown = await socket.timeout(timeoutMs).emitWithAck(name, input);
  if (typeof answer !== "object" || answer === null || !("ok" in answer))
    throw new Error(`${name}: unreadable answer`);
  if (answer.ok !== true) {
    const error = ackErrorSchema.safeParse("error" in answer ? answer.error : undefined);
    throw new Error(`${name}: ${error.success ? `${error.data.code}: ${error.data.message}` : "refused"}`);
  }
  const data = output.safeParse("data" in answer ? answer.data : undefined);
  if (!data.success) throw new Error(`${name}: unexpected answer: ${data.error.message}`);
  return data.data;
}
