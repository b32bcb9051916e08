/**
 * One client process of bench:storm: holds many signaling-only guests (socket.io-client, no
 * media) so the clients' CPU is spread over processes and never counted as server CPU.
 * Started by bench/storm.ts with fork(); speaks only the IPC messages of storm-messages.ts.
 *
 * Counting is generic on purpose (it must work on today's main and on the presence rewrite):
 * every engine.io message is classified by its Socket.IO packet type only: "2" event, "3" ack.
 */
import { io, type Socket } from "socket.io-client";
import { stormCommandSchema, type StormCommand, type StormReply } from "./storm-messages";
import { epochMs } from "./table";

type Client = {
  socket: Socket;
  joinedAt: number;
  events: number;
  bytes: number;
  /** Arrival (epoch ms) of the currently marked event, 0 while not seen. */
  seenAt: number;
  /** Which of the start command's urls it connects to (0 with a single url). */
  node: number;
};

type Mark = { id: number; needle: string; seen: number; expected: number; done: (missing: number) => void };

const clients: Client[] = [];
let mark: Mark | null = null;
let acked = 0;
let failed = 0;

function send(reply: StormReply): void {
  process.send?.(reply);
}

function onPacket(client: Client, data: unknown): void {
  if (typeof data !== "string" || !data.startsWith("2")) return; // acks and pings are not pushed events
  client.events++;
  client.bytes += data.length + 1; // + the engine.io "4" (message) type character
  if (mark && client.seenAt === 0 && data.includes(mark.needle)) {
    client.seenAt = epochMs();
    if (++mark.seen === mark.expected) mark.done(0);
  }
}

/** Connects one guest and joins the room; resolves with its timings, or rejects with the reason. */
async function joinOne(
  client: Client,
  roomId: string,
): Promise<{ connectMs: number; ackMs: number; ackBytes: number }> {
  const { socket } = client;
  const started = epochMs();
  let ackBytes = 0;
  socket.io.on("open", () => {
    socket.io.engine.on("packet", (packet) => {
      const data: unknown = packet.data;
      if (typeof data === "string" && data.startsWith("3") && ackBytes === 0) ackBytes = data.length + 1;
      onPacket(client, data);
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
    socket.connect();
  });
  const connected = epochMs();
  // Only the ack's outer shape {ok, data} is relied on: the snapshot inside differs between branches.
  const answer: unknown = await socket.timeout(60_000).emitWithAck("room:join", { roomId });
  if (
    typeof answer !== "object" ||
    answer === null ||
    !("ok" in answer) ||
    answer.ok !== true ||
    !("data" in answer)
  ) {
    throw new Error(`room:join refused: ${JSON.stringify(answer).slice(0, 200)}`);
  }
  client.joinedAt = epochMs();
  return { connectMs: connected - started, ackMs: client.joinedAt - connected, ackBytes };
}

/** The error, with the transport's own cause when Socket.IO wraps one ("websocket error" alone says little). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = "description" in error ? error.description : undefined;
  const detail =
    cause instanceof Error
      ? cause.message
      : typeof cause === "object" && cause !== null && "message" in cause
        ? String(cause.message)
        : "";
  return detail ? `${error.message}: ${detail}` : error.message;
}

async function start(command: Extract<StormCommand, { type: "start" }>): Promise<void> {
  const urls = command.urls ?? [command.url];
  for (let i = 0; i < command.count; i++) {
    const node = i % urls.length; // round-robin over a cluster's nodes
    // 60 s to connect (default 20 s): on a loaded 2-core machine a late connect is a result, not a failure.
    const socket = io(urls[node] ?? command.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      timeout: 60_000,
    });
    clients.push({ socket, joinedAt: 0, events: 0, bytes: 0, seenAt: 0, node });
  }
  const connectMs: number[] = [];
  const ackMs: number[] = [];
  const ackNodes: number[] = [];
  const failedByNode = urls.map(() => 0);
  const ackBytes: number[] = [];
  const failures: string[] = [];
  await Promise.all(
    clients.map(async (client, i) => {
      const at = command.startAt + (i * command.spreadMs) / command.count;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - epochMs())));
      try {
        const result = await joinOne(client, command.roomId);
        connectMs.push(result.connectMs);
        ackMs.push(result.ackMs);
        ackBytes.push(result.ackBytes);
        ackNodes.push(client.node);
        acked++;
      } catch (error) {
        failed++;
        failedByNode[client.node] = (failedByNode[client.node] ?? 0) + 1;
        if (failures.length < 10) failures.push(describe(error));
      }
    }),
  );
  send({ type: "joined", connectMs, ackMs, ackBytes, failures, ackNodes, failedByNode });
}

function arm(command: Extract<StormCommand, { type: "mark" }>): void {
  for (const client of clients) client.seenAt = 0;
  const timer = setTimeout(() => finish(-1), command.timeoutMs);
  const finish = (code: number) => {
    clearTimeout(timer);
    if (!mark || mark.id !== command.id) return;
    mark = null;
    const joined = clients.filter((c) => c.joinedAt > 0);
    const seen = joined.filter((c) => c.seenAt > 0);
    const arrivals = seen.map((c) => c.seenAt);
    send({
      type: "seen",
      id: command.id,
      arrivals,
      arrivalNodes: seen.map((c) => c.node),
      missing: code === 0 ? 0 : joined.length - arrivals.length,
    });
  };
  mark = {
    id: command.id,
    needle: command.needle,
    seen: 0,
    expected: clients.filter((c) => c.joinedAt > 0).length,
    done: finish,
  };
  send({ type: "armed", id: command.id });
}

process.on("message", (raw: unknown) => {
  const parsed = stormCommandSchema.safeParse(raw);
  if (!parsed.success) return;
  const command = parsed.data;
  switch (command.type) {
    case "start":
      void start(command);
      break;
    case "poll": {
      const usage = process.cpuUsage();
      const sum = (key: "events" | "bytes") => clients.reduce((total, c) => total + c[key], 0);
      send({
        type: "totals",
        id: command.id,
        acked,
        failed,
        events: sum("events"),
        bytes: sum("bytes"),
        cpuMs: (usage.user + usage.system) / 1000,
      });
      break;
    }
    case "snapshot":
      send({
        type: "snapshot",
        id: command.id,
        at: epochMs(),
        joinedAt: clients.map((c) => c.joinedAt),
        events: clients.map((c) => c.events),
        bytes: clients.map((c) => c.bytes),
      });
      break;
    case "mark":
      arm(command);
      break;
    case "stop":
      for (const client of clients) client.socket.disconnect();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});

// The parent going away (crash, deadline) must not leave thousands of sockets open.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
