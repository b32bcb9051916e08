export type InboundAudio = { packets: number; bytes: number };

/**
 * Sums inbound-rtp entries of a transport's stats. Consumer.getStats() throws "Not yet
 * implemented" on wrtc, but the transport's report (the whole RTCPeerConnection) works.
 * Entries are untyped in lib.dom, so each is checked before use.
 */
export function inboundAudioOf(report: RTCStatsReport): InboundAudio {
  let packets = 0;
  let bytes = 0;
  report.forEach((stat: unknown) => {
    if (typeof stat !== "object" || stat === null || !("type" in stat) || stat.type !== "inbound-rtp") return;
    if ("packetsReceived" in stat && typeof stat.packetsReceived === "number")
      packets += stat.packetsReceived;
    if ("bytesReceived" in stat && typeof stat.bytesReceived === "number") bytes += stat.bytesReceived;
  });
  return { packets, bytes };
}

/** Reads a string field of an untyped stats entry. */
function field(stat: object | undefined, name: string): string {
  const value: unknown = stat && name in stat ? Reflect.get(stat, name) : undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return value === undefined || value === null ? "?" : JSON.stringify(value);
}

/**
 * Describes the selected ICE candidate pair as "udp 192.0.2.2:5000 (host) -> 127.0.0.1:4000 (host)".
 * Shows which local address libwebrtc actually used to reach the server.
 */
export function selectedRouteOf(report: RTCStatsReport): string {
  const byId = new Map<string, object>();
  report.forEach((stat: unknown, id: string) => {
    if (typeof stat === "object" && stat !== null) byId.set(id, stat);
  });
  const transport = [...byId.values()].find((s) => field(s, "type") === "transport");
  const pairId = field(transport, "selectedCandidatePairId");
  const pair =
    byId.get(pairId) ??
    [...byId.values()].find((s) => field(s, "type") === "candidate-pair" && field(s, "nominated") === "true");
  if (!pair) return "no selected candidate pair";
  const local = byId.get(field(pair, "localCandidateId"));
  const remote = byId.get(field(pair, "remoteCandidateId"));
  const describe = (c: object | undefined) =>
    `${field(c, "address")}:${field(c, "port")} (${field(c, "candidateType")})`;
  return `${field(local, "protocol")} ${describe(local)} -> ${describe(remote)}`;
}
