import { describe, expect, it } from "vitest";
import { diagnoseAudio } from "../../src/features/room/audio-diagnostics";

const connected = [
  {
    id: "pair",
    type: "candidate-pair",
    selected: true,
    localCandidateId: "l",
    remoteCandidateId: "r",
    state: "succeeded",
    nominated: true,
  },
  { id: "l", type: "local-candidate", candidateType: "host", protocol: "udp" },
  { id: "r", type: "remote-candidate", candidateType: "host", protocol: "udp" },
  { id: "in1", type: "inbound-rtp", kind: "audio", packetsReceived: 900, packetsLost: 3, audioLevel: 0.02 },
];

describe("audio check diagnosis", () => {
  it("[CHECK-1] a healthy connection: host candidate over UDP, packets counted, no problem", () => {
    const d = diagnoseAudio(connected, "connected", 1, false);
    expect(d).toMatchObject({
      connection: "connected",
      candidateType: "host",
      protocol: "udp",
      packetsReceived: 900,
      packetsLost: 3,
      problem: null,
    });
    expect(d.streams).toEqual([{ id: "in1", userId: null, level: 0.02 }]);
  });

  it("[CHECK-3] with the live consumers' tracks, rows are named by speaker and a closed consumer's stream is left out", () => {
    const stats = [
      ...connected.map((s) => (s.id === "in1" ? { ...s, trackIdentifier: "track-ana" } : s)),
      { id: "in-stale", type: "inbound-rtp", kind: "audio", trackIdentifier: "track-old", audioLevel: 0 },
      { id: "in2", type: "inbound-rtp", kind: "audio", trackIdentifier: "track-ben", audioLevel: 0.1 },
    ];
    const owners = new Map([
      ["track-ana", "ana"],
      ["track-ben", "ben"],
    ]);
    expect(diagnoseAudio(stats, "connected", 2, false, owners).streams).toEqual([
      { id: "in1", userId: "ana", level: 0.02 },
      { id: "in2", userId: "ben", level: 0.1 },
    ]);
  });

  it("[CHECK-2] says in plain words what is wrong", () => {
    expect(diagnoseAudio([], "failed", 1, false).problem).toMatch(/unreachable.*TURN/);
    expect(diagnoseAudio([], "disconnected", 1, false).problem).toMatch(/dropped/);
    expect(diagnoseAudio(connected, "connected", 1, true).problem).toMatch(/Tap to listen/);
    expect(diagnoseAudio(connected, "connected", 0, false).problem).toBe("Nobody is speaking yet.");
    const lossy = connected.map((s) =>
      s.type === "inbound-rtp" ? { ...s, packetsReceived: 800, packetsLost: 200 } : s,
    );
    expect(diagnoseAudio(lossy, "connected", 1, false).problem).toMatch(/20% of the audio is lost/);
    const tcp = connected.map((s) => (s.id === "r" ? { ...s, protocol: "tcp" } : s));
    expect(diagnoseAudio(tcp, "connected", 1, false)).toMatchObject({
      protocol: "tcp",
      problem: expect.stringMatching(/UDP seems blocked/),
    });
  });
});
