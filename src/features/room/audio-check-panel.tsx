"use client";
import { useEffect, useState } from "react";
import type { AudioDiagnostics } from "./audio-diagnostics";
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

const CONNECTION_LABEL: Record<AudioDiagnostics["connection"], string> = {
  connected: "Connected",
  connecting: "Connecting…",
  disconnected: "Reconnecting…",
  failed: "Cannot reach the audio server",
  none: "Not connected yet",
};

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

  const rows: [string, string][] = diagnostics
    ? [
        ["Connection", CONNECTION_LABEL[diagnostics.connection]],
        [
          "Route",
          diagnostics.candidateType
            ? `${diagnostics.candidateType === "relay" ? "via TURN relay" : "direct"} (${diagnostics.candidateType}, ${diagnostics.protocol ?? "?"})`
            : "—",
        ],
        ["Packets received", String(diagnostics.packetsReceived)],
        ["Packets lost", String(diagnostics.packetsLost)],
      ]
    : [];
  return (
    <SheetBackdrop onClose={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Audio check"
        className="w-full max-w-md rounded-t-3xl bg-white p-5 shadow-xl sm:rounded-3xl"
      >
        <h2 className="text-lg font-semibold">Audio check</h2>
        <p
          role="status"
          className={`mt-2 rounded-2xl px-3 py-2 text-sm ${diagnostics?.problem ? "bg-amber-50 text-amber-900" : "bg-green-50 text-green-900"}`}
        >
          {diagnostics ? (diagnostics.problem ?? "Everything looks right: audio is arriving.") : "Checking…"}
        </p>
        <dl className="mt-3 divide-y divide-stone-100 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="flex justify-between py-2">
              <dt className="text-stone-500">{label}</dt>
              <dd className="font-medium" data-testid={`check-${label.toLowerCase().replaceAll(" ", "-")}`}>
                {value}
              </dd>
            </div>
          ))}
          {diagnostics?.streams.map((stream, index) => (
            <div key={stream.id} className="flex items-center justify-between gap-3 py-2">
              <dt className="text-stone-500" data-testid="check-speaker">
                {(stream.userId ? nameOf(stream.userId) : null) ?? `Speaker ${index + 1}`}
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
            <span className="text-stone-500">Play room audio on</span>
            <select
              className="mt-1 w-full rounded-xl border border-stone-300 bg-stone-50 px-3 py-2"
              onChange={(event) => void onChooseOutput(event.target.value)}
              defaultValue="default"
            >
              {outputs.map((device) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || "Speaker"}
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
            Play a test sound
          </button>
          <button
            type="button"
            onClick={onClose}
            className="flex-1 rounded-full bg-stone-100 py-2.5 font-semibold text-stone-700"
          >
            Close
          </button>
        </div>
      </div>
    </SheetBackdrop>
  );
}
