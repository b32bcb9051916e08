"use client";
import Link from "next/link";
import { useEffect, useState, type SubmitEvent } from "react";
import { myVerificationSchema, type MyVerification } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { CARD, FormField, PRIMARY_BUTTON, issuesByPath } from "./form-field";
import { PageShell } from "./page-shell";
import { VerifiedBadge } from "./verified-badge";

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Where the person stands: verified, waiting, or rejected (with the moderators' reason). */
function StatusNote({ state }: { state: MyVerification }) {
  if (state.verified)
    return (
      <p role="status" className="flex items-center gap-2 rounded-2xl bg-green-50 px-4 py-3 text-green-900">
        <VerifiedBadge /> Your real name is verified. The badge shows on your profile and in rooms.
      </p>
    );
  const latest = state.latest;
  if (latest?.status === "pending")
    return (
      <p role="status" className="rounded-2xl bg-amber-50 px-4 py-3 text-amber-900 ring-1 ring-amber-200">
        Waiting for a moderator: you sent <strong>{latest.legalName}</strong> on {when(latest.createdAt)}. You
        will get a notification when they decide.
      </p>
    );
  if (latest?.status === "rejected")
    return (
      <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-red-900">
        Your last request was not approved{latest.reason ? `: ${latest.reason}` : "."} You can send a
        corrected one below.
      </p>
    );
  return null;
}

function VerificationForm() {
  const [state, setState] = useState<MyVerification | null>(null);
  const [legalName, setLegalName] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void callApi("GET", "/api/settings/verification", myVerificationSchema).then((result) => {
      if (result.ok) setState(result.data);
      else setError(result.error.message);
    });
  }, []);

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
      setError(result.error.message);
    }
  }

  const canSubmit = state !== null && !state.verified && state.latest?.status !== "pending";
  return (
    <section className={`${CARD} space-y-5`} aria-label="Real-name verification">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Verification</h1>
        <Link href="/settings/profile" className="text-sm font-semibold text-accent hover:underline">
          ← Profile
        </Link>
      </div>
      <p className="text-stone-600">
        A moderator of this server checks your legal name and, if it matches, gives you the verified badge.
        Some servers only let verified people speak or host rooms. Your legal name is seen only by this
        server&apos;s moderators; everyone else sees your display name and the badge.
      </p>
      {state === null && !error && <p className="text-stone-500">Loading…</p>}
      {state && <StatusNote state={state} />}
      {canSubmit && (
        <form
          onSubmit={(event) => void submit(event)}
          className="space-y-4"
          aria-label="Request verification"
        >
          <FormField
            id="legal-name"
            label="Your full legal name"
            hint="As on an official document. Only moderators see it."
            value={legalName}
            onChange={(e) => setLegalName(e.target.value)}
            maxLength={120}
            autoComplete="name"
            error={fields.legalName}
            required
          />
          <button type="submit" disabled={busy} className={PRIMARY_BUTTON}>
            {busy ? "Sending…" : "Ask for verification"}
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
  return (
    <PageShell>
      {(state) =>
        state.status === "signed-in" ? (
          <VerificationForm />
        ) : (
          <section className={CARD}>
            <p>
              <Link
                href="/signin?next=/settings/verification"
                className="font-semibold text-accent hover:underline"
              >
                Sign in
              </Link>{" "}
              to verify your real name.
            </p>
          </section>
        )
      }
    </PageShell>
  );
}
