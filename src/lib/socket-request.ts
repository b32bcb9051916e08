import type { Socket } from "socket.io-client";
import type { z } from "zod";
import {
  ackErrorSchema,
  clientCommands,
  type AckError,
  type ClientCommandName,
  type CommandInput,
  type CommandOutput,
} from "@/shared/protocol";

/** A refused or failed command, with the server's error code for the UI to act on. */
export class CommandError extends Error {
  constructor(readonly error: AckError) {
    super(error.message);
    this.name = "CommandError";
  }
  get code() {
    return this.error.code;
  }
}

function outputSchemaOf<K extends ClientCommandName>(
  commands: { [P in ClientCommandName]: { output: z.ZodType<CommandOutput<P>> } },
  name: K,
): z.ZodType<CommandOutput<K>> {
  return commands[name].output;
}

/**
 * Sends one command and waits for its ack (10 s by default). The answer is validated against the
 * protocol's output schema: the browser trusts the server's shape no more than the reverse.
 */
export async function request<K extends ClientCommandName>(
  socket: Socket,
  name: K,
  input: CommandInput<K>,
  timeoutMs = 10_000,
): Promise<CommandOutput<K>> {
  let answer: unknown;
  try {
    answer = await socket.timeout(timeoutMs).emitWithAck(name, input);
  } catch {
    throw new CommandError({ code: "internal", message: "The server did not answer in time." });
  }
  if (typeof answer !== "object" || answer === null || !("ok" in answer)) {
    throw new CommandError({ code: "internal", message: "The server sent an answer we did not understand." });
  }
  if (answer.ok !== true) {
    const error = ackErrorSchema.safeParse("error" in answer ? answer.error : undefined);
    throw new CommandError(error.success ? error.data : { code: "internal", message: "Unknown error." });
  }
  const data = outputSchemaOf(clientCommands, name).safeParse("data" in answer ? answer.data : undefined);
  if (!data.success) throw new CommandError({ code: "internal", message: `Unexpected answer to ${name}.` });
  return data.data;
}
