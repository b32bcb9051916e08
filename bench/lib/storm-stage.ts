import type { Socket } from "socket.io-client";
import { command, outputOf } from "./command";
import type { StormPool } from "./storm-pool";
import { epochMs } from "./table";

export type StageTiming = {
  step: string;
  latencies: number[];
  /** Node index of each latency's client (parallel to `latencies`; all 0 on one server). */
  nodes: number[];
  missing: number;
  error: string | null;
};

/**
 * Times how long one stage change takes to reach every storm client: arm all client processes
 * to watch for the next pushed event that mentions the target's user id (generic: any event name,
 * any payload shape), send the real command, and collect each client's arrival time.
 */
export async function timeStep(
  pool: StormPool,
  needle: string,
  step: string,
  send: () => Promise<unknown>,
): Promise<StageTiming> {
  await pool.all((id) => ({ type: "mark", id, needle, timeoutMs: 30_000 }), "armed");
  const sentAt = epochMs();
  const waiting = pool.processes.map((p) => p.next("seen"));
  let error: string | null = null;
  await send().catch((e: unknown) => {
    error = e instanceof Error ? e.message : String(e);
  });
  const replies = await Promise.all(waiting);
  return {
    step,
    latencies: replies.flatMap((r) => r.arrivals.map((at) => at - sentAt)),
    nodes: replies.flatMap((r) => r.arrivalNodes ?? r.arrivals.map(() => 0)),
    missing: replies.reduce((sum, r) => sum + r.missing, 0),
    error,
  };
}

/**
 * The stage changes of one round, with the room's real commands: the host invites the target,
 * the target accepts (on stage, muted) and unmutes, the host mutes them, makes them a moderator,
 * and sends them back to the audience (so the next round starts from the same state).
 */
export async function stageRound(
  pool: StormPool,
  host: Socket,
  target: Socket,
  targetId: string,
): Promise<StageTiming[]> {
  const steps: [string, () => Promise<unknown>][] = [
    [
      "invite-to-speak",
      () => command(host, "room:invite-to-speak", { userId: targetId }, outputOf("room:invite-to-speak")),
    ],
    [
      "accept (on stage)",
      () =>
        command(
          target,
          "room:respond-to-invitation",
          { accept: true },
          outputOf("room:respond-to-invitation"),
        ),
    ],
    ["unmute (self)", () => command(target, "room:set-muted", { muted: false }, outputOf("room:set-muted"))],
    [
      "mute-member",
      () => command(host, "room:mute-member", { userId: targetId }, outputOf("room:mute-member")),
    ],
    [
      "set-moderator",
      () =>
        command(
          host,
          "room:set-moderator",
          { userId: targetId, moderator: true },
          outputOf("room:set-moderator"),
        ),
    ],
    [
      "move-to-audience",
      () => command(host, "room:move-to-audience", { userId: targetId }, outputOf("room:move-to-audience")),
    ],
  ];
  const timings: StageTiming[] = [];
  for (const [step, send] of steps) timings.push(await timeStep(pool, targetId, step, send));
  return timings;
}
