/** What the audio check shows, read from the receive transport's WebRTC stats. */
export type AudioDiagnostics = {
  connection: "connecting" | "connected" | "disconnected" | "failed" | "none";
  /** host = direct, relay = through TURN, srflx/prflx = through NAT. */
  candidateType: string | null;
  protocol: "udp" | "tcp" | null;
  packetsReceived: number;
  packetsLost: number;
  /** One row per speaker we receive now: whose it is (null if unknown) and their level. */
  streams: { id: string; userId: string | null; level: number }[];
  /** What is wrong (the panel says it in one plain sentence), or null when all is well. */
  problem: AudioProblem | null;
};

/**
 * Keys of the room catalog's `audioCheck.problems`; `lossy` carries the share of audio lost.
 * The sentence is the UI's, in the reader's language.
 */
export type AudioProblem =
  | { code: "unreachable" | "dropped" | "connecting" | "playbackBlocked" | "nobodySpeaking" | "tcp" }
  | { code: "lossy"; percent: number };

type StatRecord = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * Turns a stats report (as a plain list) into the audio check's rows and a diagnosis. Pure, so it
 * is unit-tested without a browser.
 */
export function diagnoseAudio(
  stats: StatRecord[],
  transportState: string | null,
  speakersOnStage: number,
  playbackBlocked: boolean,
  /**
   * Whose each live consumer's track is (track id → user id). With it, only streams of live
   * consumers are shown (a stream of a closed consumer can linger in the stats: a stale row after a
   * microphone restart), each named by its speaker.
   */
  trackOwners?: ReadonlyMap<string, string>,
): AudioDiagnostics {
  const byId = new Map(stats.map((s) => [String(s.id), s]));
  const pair =
    stats.find((s) => s.type === "candidate-pair" && s.selected === true) ??
    stats.find((s) => s.type === "candidate-pair" && s.nominated === true && s.state === "succeeded");
  const local = pair ? byId.get(String(pair.localCandidateId)) : undefined;
  const remote = pair ? byId.get(String(pair.remoteCandidateId)) : undefined;
  const inbound = stats.filter(
    (s) =>
      s.type === "inbound-rtp" &&
      s.kind === "audio" &&
      (trackOwners === undefined || trackOwners.has(str(s.trackIdentifier) ?? "")),
  );
  const protocol = str(remote?.protocol) ?? str(local?.protocol);
  const connection =
    transportState === "connected" || transportState === "completed"
      ? "connected"
      : transportState === "failed" || transportState === "disconnected"
        ? transportState
        : transportState === null
          ? "none"
          : "connecting";
  const diagnostics: AudioDiagnostics = {
    connection,
    candidateType: str(local?.candidateType),
    protocol: protocol === "udp" || protocol === "tcp" ? protocol : null,
    packetsReceived: inbound.reduce((sum, s) => sum + num(s.packetsReceived), 0),
    packetsLost: inbound.reduce((sum, s) => sum + num(s.packetsLost), 0),
    streams: inbound.map((s) => ({
      id: String(s.id),
      userId: trackOwners?.get(str(s.trackIdentifier) ?? "") ?? null,
      level: num(s.audioLevel),
    })),
    problem: null,
  };
  diagnostics.problem = explain(diagnostics, speakersOnStage, playbackBlocked);
  return diagnostics;
}

function explain(
  d: AudioDiagnostics,
  speakersOnStage: number,
  playbackBlocked: boolean,
): AudioProblem | null {
  if (d.connection === "failed") return { code: "unreachable" };
  if (d.connection === "disconnected") return { code: "dropped" };
  if (d.connection !== "connected") return { code: "connecting" };
  if (playbackBlocked) return { code: "playbackBlocked" };
  if (speakersOnStage === 0) return { code: "nobodySpeaking" };
  const total = d.packetsReceived + d.packetsLost;
  if (total > 100 && d.packetsLost / total > 0.05)
    return { code: "lossy", percent: Math.round((100 * d.packetsLost) / total) };
  if (d.protocol === "tcp") return { code: "tcp" };
  return null;
}
