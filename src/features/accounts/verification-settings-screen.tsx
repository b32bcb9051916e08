"use client";
import { signInLinkTo } from "@/features/accounts/sign-in-link";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type SubmitEvent } from "react";
import { useErrorText } from "@/i18n/error-text";
import { myVerificationSchema, type MyVerification } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { CARD, FormField, PRIMARY_BUTTON, issuesByPath } from "./form-field";
import { PageShell } from "./page-shell";
import { VerifiedBadge } from "./verified-badge";

/** Where the person stands: verified, waiting, or rejected (with the moderators' reason). */
function StatusNote({ state }: { state: MyVerification }) {
  const t = useTranslations("accounts.verification");
  const format = useFormatter();
  if (state.verified)
    return (
      <p role="status" className="flex items-center gap-2 rounded-2xl bg-green-50 px-4 py-3 text-green-900">
        <VerifiedBadge /> {t("verified")}
      </p>
    );
  const latest = state.latest;
  if (latest?.status === "pending")
    return (
      <p role="status" className="rounded-2xl bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200">
        {t.rich("pending", {
          name: latest.legalName,
          date: format.dateTime(new Date(latest.createdAt), { dateStyle: "medium", timeStyle: "short" }),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
    );
  if (latest?.status === "rejected")
    return (
      <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-red-900">
        {latest.reason ? t("rejectedWithReason", { reason: latest.reason }) : t("rejected")}
      </p>
    );
  return null;
}

function VerificationForm() {
  const t = useTranslations("accounts.verification");
  const shell = useTranslations("shell");
  const errorText = useErrorText();
  const [state, setState] = useState<MyVerification | null>(null);
  const [legalName, setLegalName] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void callApi("GET", "/api/settings/verification", myVerificationSchema).then((result) => {
      if (result.ok) setState(result.data);
      else setError(errorText(result.error));
    });
  }, [errorText]);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/settings/verification", myVerificationSchema, { legalName });
    setBusy(false);
    if (result.ok) {
      setState(result.data);
      setFields({});
      setLegalName("");
    } else {
      setFields(issuesByPath(result.error.issues));
      setError(errorText(result.error));
    }
  }

  const canSubmit = state !== null && !state.verified && state.latest?.status !== "pending";
  return (
    <section className={`${CARD} space-y-5`} aria-label={t("label")}>
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <Link href="/settings/profile" className="text-sm font-semibold text-accent hover:underline">
          {t("back")}
        </Link>
      </div>
      <p className="text-stone-600">{t("text")}</p>
      {state === null && !error && <p className="text-stone-500">{shell("loading")}</p>}
      {state && <StatusNote state={state} />}
      {canSubmit && (
        <form onSubmit={(event) => void submit(event)} className="space-y-4" aria-label={t("form")}>
          <FormField
            id="legal-name"
            label={t("field")}
            hint={t("hint")}
            value={legalName}
            onChange={(e) => setLegalName(e.target.value)}
            maxLength={120}
            autoComplete="name"
            error={fields.legalName}
            required
          />
          <button type="submit" disabled={busy} className={PRIMARY_BUTTON}>
            {busy ? t("sending") : t("submit")}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
    </section>
  );
}

/** /settings/verification: ask staff to verify your real name, and see where it stands. */
export function VerificationSettingsScreen() {
  const t = useTranslations("accounts.verification");
  return (
    <PageShell>
      {(state) =>
        state.status === "signed-in" ? (
          <VerificationForm />
        ) : (
          <section className={CARD}>
            <p>
              {t.rich("signInTo", {
                link: signInLinkTo("/settings/verification"),
              })}
            </p>
          </section>
        )
      }
    </PageShell>
  );
}
