"use client";
import { useState, type SubmitEvent } from "react";
import { currentUserSchema, type CurrentUser } from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { FormField, PRIMARY_BUTTON, issuesByPath } from "./form-field";

/** A suspension's end comes as an ISO time in the server's sentence; people read it in their own time. */
function readable(code: string, message: string): string {
  if (code !== "account_suspended") return message;
  return message.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/, (iso) =>
    new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }),
  );
}

/** Username + password sign-in. */
export function SignInForm({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
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
    setError(result.error.issues ? null : readable(result.error.code, result.error.message));
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Sign in" className="space-y-4">
      <FormField
        id="signin-username"
        label="Username"
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
        label="Password"
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
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
