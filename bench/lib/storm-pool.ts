import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stormReplySchema, type StormCommand, type StormReply } from "./storm-messages";

type ReplyOf<T extends StormReply["type"]> = Extract<StormReply, { type: T }>;

function isReply<T extends StormReply["type"]>(reply: StormReply, type: T): reply is ReplyOf<T> {
  return reply.type === type;
}

/** One storm-client.ts process and a typed way to wait for its replies. */
class ClientProcess {
  private readonly waiting: {
    type: StormReply["type"];
    id: number | null;
    resolve: (reply: StormReply) => void;
  }[] = [];

  constructor(readonly child: ChildProcess) {
    child.on("message", (raw: unknown) => {
      const parsed = stormReplySchema.safeParse(raw);
      if (!parsed.success) return;
      const reply = parsed.data;
      const replyId = "id" in reply ? reply.id : null;
      const index = this.waiting.findIndex(
        (w) => w.type === reply.type && (w.id === null || w.id === replyId),
      );
      if (index >= 0) this.waiting.splice(index, 1)[0]?.resolve(reply);
    });
  }

  send(command: StormCommand): void {
    this.child.send(command);
  }

  next<T extends StormReply["type"]>(type: T, id: number | null = null): Promise<ReplyOf<T>> {
    return new Promise((resolve) => {
      this.waiting.push({
        type,
        id,
        resolve: (reply) => {
          if (isReply(reply, type)) resolve(reply);
        },
      });
    });
  }
}

/**
 * A few client processes (STORM_PROCS, default 2: one per core here) holding the storm's guests.
 * The parent never holds client sockets itself, so its CPU is free for measuring.
 */
export class StormPool {
  private nextId = 1;

  private constructor(readonly processes: ClientProcess[]) {}

  static async start(count: number): Promise<StormPool> {
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "storm-client.ts");
    const processes = Array.from(
      { length: count },
      () => new ClientProcess(fork(entry, [], { execArgv: ["--import", "tsx"], stdio: "inherit" })),
    );
    await Promise.all(processes.map((p) => p.next("ready")));
    return new StormPool(processes);
  }

  get pids(): number[] {
    return this.processes.map((p) => p.child.pid ?? 0);
  }

  /** Sends one command to every process (with a fresh id when it needs one) and collects the replies. */
  async all<T extends StormReply["type"]>(
    make: (id: number, index: number) => StormCommand,
    reply: T,
  ): Promise<ReplyOf<T>[]> {
    const id = this.nextId++;
    const answers = this.processes.map((p, i) => {
      const answer = p.next(reply, reply === "joined" ? null : id);
      p.send(make(id, i));
      return answer;
    });
    return Promise.all(answers);
  }

  stop(): void {
    for (const p of this.processes) if (p.child.connected) p.send({ type: "stop" });
    setTimeout(() => this.processes.forEach((p) => p.child.kill("SIGKILL")), 3000).unref();
  }
}
