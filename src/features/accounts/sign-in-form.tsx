"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useErrorText } from "@/i18n/error-text";
import { currentUserSchema, type CurrentUser } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { FormField, PRIMARY_BUTTON, issuesByPath } from "./form-field";

/** A suspension's end comes as an ISO time in the server's sentence; people read it in their own time. */
function readable(code: string, message: string, when: (iso: string) => string): string {
  if (code !== "account_suspended") return message;
  return message.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/, when);
}

/** Username + password sign-in. */
export function SignInForm({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  const t = useTranslations("accounts.signIn");
  const format = useFormatter();
  const errorText = useErrorText();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/session", currentUserSchema, { username, password });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.data);
      return;
    }
    setFields(issuesByPath(result.error.issues));
    const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
    const { code, message } = result.error;
    // Here "unauthorized" means the pair did not match, not "sign in first".
    const text =
      code === "unauthorized" ? t("wrong") : errorText({ code, message: readable(code, message, when) });
    setError(result.error.issues ? null : text);
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t("label")} className="space-y-4">
      <FormField
        id="signin-username"
        label={t("username")}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={fields.username}
        required
      />
      <FormField
        id="signin-password"
        label={t("password")}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
        error={fields.password}
        required
      />
      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className={PRIMARY_BUTTON}>
        {busy ? t("busy") : t("submit")}
      </button>
    </form>
  );
}
