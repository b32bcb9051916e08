import type { z } from "zod";
import {
  clientCommands,
  fail,
  ok,
  toInputIssues,
  type Ack,
  type ClientCommandName,
  type CommandOutput,
} from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { MediaError } from "../media/media-error";
import { RoomError } from "../rooms/room-ports";
import type { CommandSocket } from "./socket-types";

type CommandInputOf<K extends ClientCommandName> = z.infer<(typeof clientCommands)[K]["input"]>;

/** Looks a command's schema up through a mapped type, which keeps the link between name and type. */
function inputSchemaOf<K extends ClientCommandName>(
  commands: { [P in ClientCommandName]: { input: z.ZodType<CommandInputOf<P>> } },
  name: K,
): z.ZodType<CommandInputOf<K>> {
  return commands[name].input;
}

export type HandlerContext<K extends ClientCommandName, Deps> = {
  socket: CommandSocket;
  deps: Deps;
  input: CommandInputOf<K>;
  logger: Logger;
};

export type Handler<Deps> = {
  name: ClientCommandName;
  /** Parses, runs and answers one command; never throws. */
  run(socket: CommandSocket, deps: Deps & { logger: Logger }, rawInput: unknown): Promise<Ack<unknown>>;
};

/**
 * The only way a socket command reaches the server: its input is parsed with the protocol's
 * schema (bad input gets `invalid_input` and changes nothing), the function runs, and every outcome
 * is one Ack. Known refusals keep their code; anything unexpected is logged and becomes `internal`.
 */
export function defineHandler<K extends ClientCommandName, Deps>(
  name: K,
  fn: (ctx: HandlerContext<K, Deps>) => Promise<CommandOutput<K>>,
): Handler<Deps> {
  const schema = inputSchemaOf(clientCommands, name);
  return {
    name,
    async run(socket, deps, rawInput) {
      const parsed = schema.safeParse(rawInput);
      if (!parsed.success)
        return fail("invalid_input", `Invalid input for ${name}.`, toInputIssues(parsed.error));
      const logger = deps.logger.child({
        event: name,
        userId: socket.data.actor.userId,
        roomId: socket.data.roomId,
      });
      try {
        return ok(await fn({ socket, deps, input: parsed.data, logger }));
      } catch (error) {
        if (error instanceof RoomError || error instanceof MediaError) return fail(error.code, error.message);
        logger.error({ err: error }, "command failed");
        return fail("internal", "Something went wrong on the server. Please try again.");
      }
    },
  };
}
