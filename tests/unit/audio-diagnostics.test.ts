import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/i18n/catalogs";
import { diagnoseAudio, type AudioDiagnostics } from "../../src/features/room/audio-diagnostics";

/** The audio check's sentence for a diagnosis, as the panel renders it (English catalog). */
function said({ problem }: AudioDiagnostics, locale: "en" | "id" | "zh-CN" = "en"): string | null {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "room.audioCheck" });
  if (!problem) return null;
  return problem.code === "lossy"
    ? t("problems.lossy", { percent: problem.percent })
    : t(`problems.${problem.code}`);
}

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
    expect(said(diagnoseAudio([], "failed", 1, false))).toMatch(/unreachable.*TURN/);
    expect(said(diagnoseAudio([], "disconnected", 1, false))).toMatch(/dropped/);
    expect(said(diagnoseAudio(connected, "connected", 1, true))).toMatch(/Tap to listen/);
    expect(said(diagnoseAudio(connected, "connected", 0, false))).toBe("Nobody is speaking yet.");
    const lossy = connected.map((s) =>
      s.type === "inbound-rtp" ? { ...s, packetsReceived: 800, packetsLost: 200 } : s,
    );
    expect(diagnoseAudio(lossy, "connected", 1, false).problem).toEqual({ code: "lossy", percent: 20 });
    expect(said(diagnoseAudio(lossy, "connected", 1, false))).toMatch(/20% of the audio is lost/);
    expect(said(diagnoseAudio(lossy, "connected", 1, false), "id")).toMatch(/20% audio hilang/);
    expect(said(diagnoseAudio(lossy, "connected", 1, false), "zh-CN")).toMatch(/20% 的声音/);
    const tcp = connected.map((s) => (s.id === "r" ? { ...s, protocol: "tcp" } : s));
    const overTcp = diagnoseAudio(tcp, "connected", 1, false);
    expect(overTcp).toMatchObject({ protocol: "tcp", problem: { code: "tcp" } });
    expect(said(overTcp)).toMatch(/UDP seems blocked/);
  });
});
