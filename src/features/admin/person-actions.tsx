"use client";
import { useState } from "react";
import { z } from "zod";
import type { PlatformActionBody, StaffPerson } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import type { StaffViewer } from "./admin-shell";
import { BUTTON, CARD, INPUT, QUIET_BUTTON } from "./admin-format";

type Kind = "warn" | "suspend" | "ban" | "lift" | "grant" | "revoke";

const DURATIONS = [
  { label: "1 hour", amount: 1, unit: "hours" },
  { label: "24 hours", amount: 24, unit: "hours" },
  { label: "3 days", amount: 3, unit: "days" },
  { label: "7 days", amount: 7, unit: "days" },
  { label: "30 days", amount: 30, unit: "days" },
] as const;

const LABELS: Record<Kind, string> = {
  warn: "Warn",
  suspend: "Suspend",
  ban: "Ban",
  lift: "Lift suspension or ban",
  grant: "Make moderator",
  revoke: "Remove moderator role",
};

const DONE: Record<Kind, (name: string) => string> = {
  warn: (name) => `${name} was warned; the warning is in their notifications.`,
  suspend: (name) => `${name} is suspended: signed out and taken out of every room.`,
  ban: (name) => `${name} is banned: signed out and taken out of every room.`,
  lift: (name) => `${name} may sign in again.`,
  grant: (name) => `${name} is now a moderator.`,
  revoke: (name) => `${name} is no longer a moderator.`,
};

/**
 * The buttons staff act with on a person. Each opens a form asking for the reason (required) and,
 * for a suspension, how long; a second click confirms. The server decides who may do what.
 */
export function PersonActions({
  person,
  staff,
  onDone,
}: {
  person: StaffPerson;
  staff: StaffViewer;
  onDone: (message: string) => void;
}) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState(2);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (person.id === staff.id)
    return <p className={`${CARD} text-sm text-stone-600`}>This is you: staff cannot act on themselves.</p>;
  if (person.standing.role === "admin" && staff.role !== "admin")
    return <p className={`${CARD} text-sm text-stone-600`}>Only an admin can act on an admin.</p>;
  const sanctioned = Boolean(person.standing.bannedAt || person.standing.suspendedUntil);
  const kinds: Kind[] = ["warn", "suspend", "ban", ...(sanctioned ? (["lift"] as const) : [])];
  if (staff.role === "admin" && person.standing.role !== "admin")
    kinds.push(person.standing.role === "moderator" ? "revoke" : "grant");

  function pick(next: Kind) {
    setKind(next);
    setConfirming(false);
    setProblem(null);
  }

  async function submit() {
    if (!kind) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    const base = `/api/admin/people/${encodeURIComponent(person.username)}`;
    const chosen = DURATIONS[duration] ?? DURATIONS[0];
    const body: PlatformActionBody | null =
      kind === "suspend"
        ? { action: "suspend", reason, duration: { amount: chosen.amount, unit: chosen.unit } }
        : kind === "grant" || kind === "revoke"
          ? null
          : { action: kind, reason };
    const result = body
      ? await callApi("POST", `${base}/actions`, z.unknown(), body)
      : await callApi("POST", `${base}/role`, z.unknown(), { moderator: kind === "grant", reason });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.error.message);
      setConfirming(false);
      return;
    }
    setKind(null);
    setReason("");
    setConfirming(false);
    onDone(DONE[kind](person.displayName));
  }

  const danger = kind === "ban" || kind === "suspend";
  return (
    <section className={CARD} aria-label="Actions">
      <h2 className="mb-3 text-lg font-bold">Actions</h2>
      <div className="flex flex-wrap gap-2">
        {kinds.map((item) => (
          <button
            key={item}
            type="button"
            onClick={() => pick(item)}
            aria-pressed={kind === item}
            className={kind === item ? BUTTON : QUIET_BUTTON}
          >
            {LABELS[item]}
          </button>
        ))}
      </div>
      {kind && (
        <form
          className="mt-4 space-y-3 rounded-2xl bg-stone-50 p-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {kind === "suspend" && (
            <div>
              <label htmlFor="suspend-duration" className="mb-1.5 block text-sm font-semibold">
                For how long
              </label>
              <select
                id="suspend-duration"
                value={duration}
                onChange={(event) => setDuration(Number(event.target.value))}
                className={INPUT}
              >
                {DURATIONS.map((item, index) => (
                  <option key={item.label} value={index}>
                    {item.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="action-reason" className="mb-1.5 block text-sm font-semibold">
              Reason {kind === "warn" || danger ? "(shown to them)" : "(for the audit log)"}
            </label>
            <textarea
              id="action-reason"
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                setConfirming(false);
              }}
              rows={3}
              minLength={3}
              maxLength={500}
              required
              className={INPUT}
            />
          </div>
          {problem && (
            <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
              {problem}
            </p>
          )}
          {confirming && (
            <p className="text-sm font-medium text-stone-800" role="status">
              {danger
                ? `${person.displayName} will be signed out and taken out of every room at once. Confirm?`
                : "Confirm?"}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={busy || reason.trim().length < 3}
              className={danger && confirming ? `${BUTTON} bg-red-700` : BUTTON}
            >
              {busy ? "Working…" : confirming ? `Yes, ${LABELS[kind].toLowerCase()}` : LABELS[kind]}
            </button>
            <button type="button" onClick={() => setKind(null)} className={QUIET_BUTTON}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
