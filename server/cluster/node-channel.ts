import { randomUUID } from "node:crypto";
import { z } from "zod";
import { errorCodeSchema } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { RoomError } from "../rooms/room-ports";
import { MediaError } from "../media/media-error";
import type { RedisConnection } from "./redis-connection";

const envelopeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("request"),
    id: z.string(),
    from: z.string(),
    method: z.string(),
    body: z.unknown(),
  }),
  z.object({
    kind: z.literal("reply"),
    id: z.string(),
    ok: z.boolean(),
    body: z.unknown(),
    error: z.object({ code: errorCodeSchema, message: z.string() }).optional(),
  }),
  z.object({ kind: z.literal("notice"), from: z.string(), method: z.string(), body: z.unknown() }),
]);
type Envelope = z.infer<typeof envelopeSchema>;

type RequestHandler = (body: unknown, fromNodeId: string) => Promise<unknown>;
type NoticeHandler = (body: unknown, fromNodeId: string) => void;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** A refusal that happened on another node: its code and words, unchanged, for the member's ack. */
export class RemoteRefusal extends RoomError {}

/**
 * Node-to-node messages over Redis pub/sub: requests with one reply (command forwarding, media
 * pipes) and one-way notices. Each node listens on its own channel (`<prefix>node:<id>`) with its
 * own connection (a subscribed connection can do nothing else).
 *
 * Pub/sub, not a stream, on purpose: a request is only worth answering while its caller waits. A
 * message lost in a Redis blip makes the caller time out with `unavailable` (the member tries
 * again), where a stream would deliver a stale command seconds later. Room events, which must not
 * be lost, go through the Socket.IO adapter's stream instead. Every node also keeps a heartbeat key
 * (`<prefix>node-alive:<id>`, a few seconds' TTL), so the others can tell a dead node from a slow one.
 */
export class NodeChannel {
  private readonly requestHandlers = new Map<string, RequestHandler>();
  private readonly noticeHandlers = new Map<string, NoticeHandler>();
  private readonly pending = new Map<string, Pending>();
  private subscriber: RedisConnection | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      redis: RedisConnection;
      keyPrefix: string;
      nodeId: string;
      logger: Logger;
      /** How long a forwarded request waits for its reply. */
      timeoutMs?: number;
    },
  ) {}

  private channelOf(nodeId: string): string {
    return `${this.options.keyPrefix}node:${nodeId}`;
  }

  private aliveKey(nodeId: string): string {
    return `${this.options.keyPrefix}node-alive:${nodeId}`;
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  async start(): Promise<void> {
    const subscriber = this.options.redis.duplicate();
    subscriber.on("error", () => undefined); // the main connection logs outages once
    await subscriber.connect();
    await subscriber.subscribe(this.channelOf(this.options.nodeId), (raw) => this.received(raw));
    this.subscriber = subscriber;
    const beat = () =>
      void this.options.redis
        .set(this.aliveKey(this.options.nodeId), "1", { expiration: { type: "PX", value: 5_000 } })
        .catch(() => undefined);
    beat();
    this.heartbeat = setInterval(beat, 1_000);
    this.heartbeat.unref();
  }

  /** Is `nodeId` alive (its heartbeat seen in the last few seconds)? Unknown (Redis away): true. */
  async isAlive(nodeId: string): Promise<boolean> {
    if (nodeId === this.options.nodeId) return true;
    try {
      return (await this.options.redis.exists(this.aliveKey(nodeId))) === 1;
    } catch {
      return true;
    }
  }

  handle(method: string, handler: RequestHandler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotice(method: string, handler: NoticeHandler): void {
    this.noticeHandlers.set(method, handler);
  }

  /** Asks `nodeId` and waits for its answer; a refusal there is thrown here with the same code. */
  async request(nodeId: string, method: string, body: unknown): Promise<unknown> {
    const id = randomUUID();
    const timeoutMs = this.options.timeoutMs ?? 8_000;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RoomError("unavailable", "Another server did not answer in time. Try again."));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    const delivered = await this.send(nodeId, {
      kind: "request",
      id,
      from: this.options.nodeId,
      method,
      body,
    }).catch(() => 0);
    if (delivered === 0) {
      // Nobody listens on that node's channel: it is gone (or Redis is away).
      const waiting = this.pending.get(id);
      if (waiting) {
        clearTimeout(waiting.timer);
        this.pending.delete(id);
        waiting.reject(
          new RoomError("unavailable", "The server running this room is not reachable. Try again."),
        );
      }
    }
    return answer;
  }

  notify(nodeId: string, method: string, body: unknown): void {
    void this.send(nodeId, { kind: "notice", from: this.options.nodeId, method, body }).catch(
      (error: unknown) => this.options.logger.warn({ err: error, method, nodeId }, "cluster notice not sent"),
    );
  }

  private send(nodeId: string, envelope: Envelope): Promise<number> {
    return this.options.redis.publish(this.channelOf(nodeId), JSON.stringify(envelope));
  }

  private received(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.options.logger.warn("cluster message is not JSON; dropped");
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) return this.options.logger.warn("cluster message of unknown shape; dropped");
    const message = parsed.data;
    if (message.kind === "reply") return this.settle(message);
    if (message.kind === "notice") {
      const handler = this.noticeHandlers.get(message.method);
      if (!handler) return this.options.logger.warn({ method: message.method }, "cluster notice unknown");
      try {
        handler(message.body, message.from);
      } catch (error) {
        this.options.logger.error({ err: error, method: message.method }, "cluster notice failed");
      }
      return;
    }
    void this.answer(message);
  }

  private async answer(request: Extract<Envelope, { kind: "request" }>): Promise<void> {
    const handler = this.requestHandlers.get(request.method);
    let reply: Envelope;
    try {
      if (!handler) throw new RoomError("invalid_input", `Unknown cluster request ${request.method}.`);
      reply = { kind: "reply", id: request.id, ok: true, body: await handler(request.body, request.from) };
    } catch (error) {
      const known = error instanceof RoomError || error instanceof MediaError;
      if (!known) this.options.logger.error({ err: error, method: request.method }, "cluster request failed");
      reply = {
        kind: "reply",
        id: request.id,
        ok: false,
        body: null,
        error: known
          ? { code: error.code, message: error.message }
          : { code: "internal", message: "Something went wrong on the server. Please try again." },
      };
    }
    await this.send(request.from, reply).catch((error: unknown) =>
      this.options.logger.warn({ err: error, method: request.method }, "cluster reply not sent"),
    );
  }

  private settle(reply: Extract<Envelope, { kind: "reply" }>): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return; // timed out already
    clearTimeout(waiting.timer);
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.body);
    else
      waiting.reject(
        new RemoteRefusal(reply.error?.code ?? "internal", reply.error?.message ?? "Something went wrong."),
      );
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(
        new RoomError("unavailable", "The server is restarting. You will be reconnected in a moment."),
      );
      this.pending.delete(id);
    }
    await this.options.redis.del(this.aliveKey(this.options.nodeId)).catch(() => undefined);
    const subscriber = this.subscriber;
    this.subscriber = null;
    subscriber?.destroy();
  }
}
