"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { AudioDiagnostics, AudioProblem } from "./audio-diagnostics";
import { AudioOutput } from "./audio-output";
import { SheetBackdrop } from "@/components/sheet-backdrop";

/** A short 440 Hz tone through the default output: "can I hear anything at all?" */
function playTestSound(): void {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  gain.gain.value = 0.2;
  oscillator.frequency.value = 440;
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.6);
  oscillator.onended = () => void context.close();
}

/** The room's audio check: what the connection is doing, in numbers and in one plain sentence. */
export function AudioCheckPanel({
  check,
  nameOf,
  onChooseOutput,
  onClose,
}: {
  check: () => Promise<AudioDiagnostics>;
  /** A speaker's display name, for the level rows. */
  nameOf: (userId: string) => string | null;
  onChooseOutput: (deviceId: string) => Promise<void>;
  onClose: () => void;
}) {
  const t = useTranslations("room.audioCheck");
  const format = useFormatter();
  const problemText = (problem: AudioProblem) =>
    problem.code === "lossy"
      ? t("problems.lossy", { percent: problem.percent })
      : t(`problems.${problem.code}`);
  const [diagnostics, setDiagnostics] = useState<AudioDiagnostics | null>(null);
  const [outputs, setOutputs] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    let active = true;
    const refresh = () => void check().then((d) => active && setDiagnostics(d));
    refresh();
    const timer = setInterval(refresh, 1000);
    if (
      AudioOutput.canChooseOutput() &&
      "mediaDevices" in navigator &&
      "enumerateDevices" in navigator.mediaDevices
    ) {
      void navigator.mediaDevices
        .enumerateDevices()
        .then((devices) => active && setOutputs(devices.filter((d) => d.kind === "audiooutput")));
    }
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [check]);

  // [test id, label, value]: the test ids stay the same in every language.
  const route = diagnostics?.candidateType
    ? { type: diagnostics.candidateType, protocol: diagnostics.protocol ?? "?" }
    : null;
  const rows: [string, string, string][] = diagnostics
    ? [
        ["connection", t("connection"), t(`states.${diagnostics.connection}`)],
        [
          "route",
          t("route"),
          route ? (route.type === "relay" ? t("viaRelay", route) : t("direct", route)) : "—",
        ],
        ["packets-received", t("packetsReceived"), format.number(diagnostics.packetsReceived)],
        ["packets-lost", t("packetsLost"), format.number(diagnostics.packetsLost)],
      ]
    : [];
  return (
    <SheetBackdrop onClose={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={t("title")}
        className="w-full max-w-md rounded-t-3xl bg-white p-5 shadow-xl sm:rounded-3xl"
      >
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p
          role="status"
          className={`mt-2 rounded-2xl px-3 py-2 text-sm ${diagnostics?.problem ? "bg-amber-50 text-amber-900" : "bg-green-50 text-green-900"}`}
        >
          {diagnostics
            ? diagnostics.problem
              ? problemText(diagnostics.problem)
              : t("allGood")
            : t("checking")}
        </p>
        <dl className="mt-3 divide-y divide-stone-100 text-sm">
          {rows.map(([id, label, value]) => (
            <div key={id} className="flex justify-between gap-3 py-2">
              <dt className="text-stone-500">{label}</dt>
              <dd className="text-right font-medium" data-testid={`check-${id}`}>
                {value}
              </dd>
            </div>
          ))}
          {diagnostics?.streams.map((stream, index) => (
            <div key={stream.id} className="flex items-center justify-between gap-3 py-2">
              <dt className="text-stone-500" data-testid="check-speaker">
                {(stream.userId ? nameOf(stream.userId) : null) ?? t("speakerN", { n: index + 1 })}
              </dt>
              <dd className="h-2 w-32 overflow-hidden rounded-full bg-stone-100">
                <div
                  className="h-full bg-live transition-all"
                  style={{ width: `${Math.min(100, Math.round(stream.level * 300))}%` }}
                />
              </dd>
            </div>
          ))}
        </dl>
        {outputs.length > 0 && (
          <label className="mt-3 block text-sm">
            <span className="text-stone-500">{t("playOn")}</span>
            <select
              className="mt-1 w-full rounded-xl border border-stone-300 bg-stone-50 px-3 py-2"
              onChange={(event) => void onChooseOutput(event.target.value)}
              defaultValue="default"
            >
              {outputs.map((device) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || t("speakerDevice")}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="mt-4 flex gap-3">
          <button
            type="button"
            onClick={playTestSound}
            className="flex-1 rounded-full bg-ink py-2.5 font-semibold text-white"
          >
            {t("testSound")}
          </button>
          <button
            type="button"
            onClick={onClose}
            className="flex-1 rounded-full bg-stone-100 py-2.5 font-semibold text-stone-700"
          >
            {t("close")}
          </button>
        </div>
      </div>
    </SheetBackdrop>
  );
}
