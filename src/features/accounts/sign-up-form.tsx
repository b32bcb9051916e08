"use client";
import Link from "next/link";
import { useState, type SubmitEvent } from "react";
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
    setError(Object.keys(byPath).length > 0 ? null : result.error.message);
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Create account" className="space-y-4">
      <FormField
        id="signup-name"
        label="Your name"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        maxLength={40}
        autoComplete="name"
        placeholder="e.g. Ada Lovelace"
        hint="What people in rooms see."
        error={fields.displayName}
        required
      />
      <FormField
        id="signup-username"
        label="Username"
        value={username}
        onChange={(e) => setUsername(e.target.value.toLowerCase())}
        maxLength={20}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="ada"
        hint="3–20 letters, digits or _. Your profile lives at /u/username."
        error={fields.username}
        required
      />
      <FormField
        id="signup-password"
        label="Password"
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, not containing your username, and not a common password. A short sentence works well.`}
        error={fields.password}
        required
      />
      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className={PRIMARY_BUTTON}>
        {busy ? "Creating your account…" : "Create account"}
      </button>
      <p className="text-center text-xs text-stone-500">
        By creating an account you accept how this server handles your data: see the{" "}
        <Link href="/privacy" className="font-semibold text-accent hover:underline">
          privacy page
        </Link>
        .
      </p>
    </form>
  );
}
