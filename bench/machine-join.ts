/**
 * The pure room machine alone: what one more join costs when N people are already in the room,
 * for N = 500, 2,000, 8,000 (MACHINE_N). No sockets, no database: this is the part of a join that
 * must stay flat as a room grows (bench:storm measures the whole server). Prints a table.
 *
 *   npm run bench:machine
 */
import { applyRoomCommand, createRoomState } from "../server/domain/room-machine";
import type { RoomState } from "../server/domain/room-state";
import { fmt, printTable } from "./lib/table";

const SIZES = (process.env.MACHINE_N ?? "500,2000,8000")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 100_000);
const SAMPLE = 200;

function fill(n: number): { state: RoomState; fillMs: number } {
  let state = createRoomState({ roomId: "bench", title: "bench", hostId: "host", memberLimit: 100_000 });
  const start = performance.now();
  for (let i = 0; i < n; i++) state = join(state, i);
  return { state, fillMs: performance.now() - start };
}

function join(state: RoomState, i: number): RoomState {
  const actor = { userId: `guest-${i}`, displayName: `Guest ${i}`, isGuest: true };
  const result = applyRoomCommand(state, actor, { type: "join" }, i);
  if (!result.ok) throw new Error(`join ${i} refused: ${result.error.message}`);
  return result.state;
}

const rows = SIZES.map((n) => {
  fill(Math.min(n, 2000)); // warm the JIT so the first size is not timing compilation
  const { state, fillMs } = fill(n);
  let next = state;
  const start = performance.now();
  for (let i = 0; i < SAMPLE; i++) next = join(next, n + i);
  const perJoinUs = ((performance.now() - start) / SAMPLE) * 1000;
  return [n.toLocaleString("en-US"), fmt(perJoinUs, 1), fmt(fillMs, 0)];
});
printTable("room machine: one more join with N in the room", ["N", "µs per join", "fill 0 → N ms"], rows);
