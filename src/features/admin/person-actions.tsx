"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import type { PlatformActionBody, StaffPerson } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import type { StaffViewer } from "./admin-shell";
import { BUTTON, CARD, INPUT, QUIET_BUTTON } from "./admin-format";

type Kind = "warn" | "suspend" | "ban" | "lift" | "grant" | "revoke";

const DURATIONS = [
  { amount: 1, unit: "hours" },
  { amount: 24, unit: "hours" },
  { amount: 3, unit: "days" },
  { amount: 7, unit: "days" },
  { amount: 30, unit: "days" },
] as const;
// Each kind's button, confirm button and done message are `actions.kinds.*`, `actions.confirmKinds.*`
// and `actions.done.*` in the admin catalog.

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
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [kind, setKind] = useState<Kind | null>(null);
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState(2);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (person.id === staff.id) return <p className={`${CARD} text-sm text-stone-600`}>{t("actions.self")}</p>;
  if (person.standing.role === "admin" && staff.role !== "admin")
    return <p className={`${CARD} text-sm text-stone-600`}>{t("actions.adminOnly")}</p>;
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
      setProblem(errorText(result.error));
      setConfirming(false);
      return;
    }
    setKind(null);
    setReason("");
    setConfirming(false);
    onDone(t(`actions.done.${kind}`, { name: person.displayName }));
  }

  const danger = kind === "ban" || kind === "suspend";
  return (
    <section className={CARD} aria-label={t("actions.title")}>
      <h2 className="mb-3 text-lg font-bold">{t("actions.title")}</h2>
      <div className="flex flex-wrap gap-2">
        {kinds.map((item) => (
          <button
            key={item}
            type="button"
            onClick={() => pick(item)}
            aria-pressed={kind === item}
            className={kind === item ? BUTTON : QUIET_BUTTON}
          >
            {t(`actions.kinds.${item}`)}
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
                {t("actions.howLong")}
              </label>
              <select
                id="suspend-duration"
                value={duration}
                onChange={(event) => setDuration(Number(event.target.value))}
                className={INPUT}
              >
                {DURATIONS.map((item, index) => (
                  <option key={`${item.amount}-${item.unit}`} value={index}>
                    {t(`actions.${item.unit}`, { count: item.amount })}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="action-reason" className="mb-1.5 block text-sm font-semibold">
              {kind === "warn" || danger ? t("actions.reasonShown") : t("actions.reasonAudit")}
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
              {danger ? t("actions.confirmDanger", { name: person.displayName }) : t("actions.confirm")}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={busy || reason.trim().length < 3}
              className={danger && confirming ? `${BUTTON} bg-red-700` : BUTTON}
            >
              {busy
                ? t("actions.working")
                : confirming
                  ? t(`actions.confirmKinds.${kind}`)
                  : t(`actions.kinds.${kind}`)}
            </button>
            <button type="button" onClick={() => setKind(null)} className={QUIET_BUTTON}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
