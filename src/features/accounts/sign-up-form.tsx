"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useErrorText } from "@/i18n/error-text";
import { currentUserSchema, PASSWORD_MIN_LENGTH, type CurrentUser } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { FormField, PRIMARY_BUTTON, issuesByPath } from "./form-field";

/** Account creation: name, @username, password; with an invite code when the server needs one. */
export function SignUpForm({
  inviteCode,
  onSignedUp,
}: {
  inviteCode?: string | undefined;
  onSignedUp: (user: CurrentUser) => void;
}) {
  const t = useTranslations("accounts.signUp");
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/signup", currentUserSchema, {
      displayName,
      username,
      password,
      ...(inviteCode ? { inviteCode } : {}),
    });
    setBusy(false);
    if (result.ok) {
      onSignedUp(result.data);
      return;
    }
    const byPath = issuesByPath(result.error.issues);
    setFields(byPath);
    setError(Object.keys(byPath).length > 0 ? null : errorText(result.error));
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t("label")} className="space-y-4">
      <FormField
        id="signup-name"
        label={t("name")}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        maxLength={40}
        autoComplete="name"
        placeholder={t("namePlaceholder")}
        hint={t("nameHint")}
        error={fields.displayName}
        required
      />
      <FormField
        id="signup-username"
        label={t("username")}
        value={username}
        onChange={(e) => setUsername(e.target.value.toLowerCase())}
        maxLength={20}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="ada"
        hint={t("usernameHint")}
        error={fields.username}
        required
      />
      <FormField
        id="signup-password"
        label={t("password")}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
        hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
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
      <p className="text-center text-xs text-stone-500">
        {t.rich("privacy", {
          link: (chunks) => (
            <Link href="/privacy" className="font-semibold text-accent hover:underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}
