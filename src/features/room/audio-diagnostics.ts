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
  /** One plain sentence about what is wrong, or null when all is well. */
  problem: string | null;
};

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

function explain(d: AudioDiagnostics, speakersOnStage: number, playbackBlocked: boolean): string | null {
  if (d.connection === "failed")
    return "The room's audio server is unreachable from this network. If you are behind a strict firewall, ask the operator to configure a TURN server.";
  if (d.connection === "disconnected") return "Your connection to the audio server dropped. Reconnecting…";
  if (d.connection !== "connected") return "Connecting to the room's audio server…";
  if (playbackBlocked) return "Your browser is blocking sound until you tap: use “Tap to listen”.";
  if (speakersOnStage === 0) return "Nobody is speaking yet.";
  const total = d.packetsReceived + d.packetsLost;
  if (total > 100 && d.packetsLost / total > 0.05)
    return `About ${Math.round((100 * d.packetsLost) / total)}% of the audio is lost on the way: your network is struggling.`;
  if (d.protocol === "tcp")
    return "Audio is coming over TCP (UDP seems blocked here); it works, with a little more delay.";
  return null;
}
