"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { safeNextPath } from "@/lib/safe-next";
import { CARD, FormField } from "./form-field";
import { PageShell } from "./page-shell";
import { SignInForm } from "./sign-in-form";
import { SignUpForm } from "./sign-up-form";
import { useRegistrationInfo } from "./use-registration-info";

/** Only paths on this site are followed after sign-in (no open redirects: SEC-6). */
function safeNext(next: string | undefined): string {
  return safeNextPath(next, window.location.origin);
}

export function SignInScreen({ next }: { next?: string | undefined }) {
  const t = useTranslations("accounts.signIn");
  const router = useRouter();
  return (
    <PageShell>
      {() => (
        <section className={CARD}>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-1 mb-6 text-stone-600">{t("text")}</p>
          <SignInForm onSignedIn={() => router.push(safeNext(next))} />
          <p className="mt-6 text-center text-sm text-stone-600">
            {t("newHere")}{" "}
            <Link href="/signup" className="font-semibold text-accent hover:underline">
              {t("createAccount")}
            </Link>
          </p>
        </section>
      )}
    </PageShell>
  );
}

/** For someone holding a code (or a whole link) rather than having opened the link. */
function InviteCodeForm() {
  const t = useTranslations("accounts.inviteCode");
  const router = useRouter();
  const [value, setValue] = useState("");
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const code = value.trim().split("/invite/").pop()?.split(/[?#]/)[0] ?? "";
    if (code) router.push(`/invite/${encodeURIComponent(code)}`);
  }
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-2xl bg-stone-100 px-4 py-4 text-stone-700"
      aria-label={t("label")}
    >
      <p className="font-semibold">{t("title")}</p>
      <p className="text-sm">{t("text")}</p>
      <FormField
        id="invite-code"
        label={t("field")}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoCapitalize="none"
        spellCheck={false}
      />
      <button
        type="submit"
        className="rounded-full bg-ink px-5 py-2.5 text-sm font-semibold text-white hover:bg-black"
      >
        {t("submit")}
      </button>
    </form>
  );
}

export function SignUpScreen({ invite, next }: { invite?: string | undefined; next?: string | undefined }) {
  const t = useTranslations("accounts.signUp");
  const shell = useTranslations("shell");
  const router = useRouter();
  const info = useRegistrationInfo();
  // A link with a code (an invite, or the first-run admin setup link from the server's log) always
  // shows the form: the server decides whether the code admits this person.
  const [operator, setOperator] = useState(false);
  // The operator creating the admin account (ADMIN_USERNAME) needs no invite in any mode; the
  // server decides, and the page never says whether the admin slot is still free.
  const needsInvite = info !== null && info.mode === "invite" && !operator;
  const closed = info !== null && info.mode === "closed" && !invite && !operator;
  return (
    <PageShell>
      {() => (
        <section className={CARD}>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-1 mb-6 text-stone-600">{t("text")}</p>
          {info === null && <p className="text-stone-500">{shell("loading")}</p>}
          {closed && <p className="rounded-2xl bg-stone-100 px-4 py-3 text-stone-700">{t("closed")}</p>}
          {needsInvite && !invite && <InviteCodeForm />}
          {needsInvite && invite && (
            <p className="mb-5 rounded-2xl bg-green-50 px-4 py-3 text-sm text-green-900">
              {t("inviteApplied")}
            </p>
          )}
          {info !== null && !closed && (!needsInvite || invite) && (
            <SignUpForm inviteCode={invite} onSignedUp={() => router.push(safeNext(next))} />
          )}
          {info !== null && info.mode !== "open" && !invite && !operator && (
            <p className="mt-5 text-sm text-stone-600">
              {t.rich("operator", {
                button: (chunks) => (
                  <button
                    type="button"
                    onClick={() => setOperator(true)}
                    className="font-semibold text-accent hover:underline"
                  >
                    {chunks}
                  </button>
                ),
                code: (chunks) => <code className="text-xs">{chunks}</code>,
              })}
            </p>
          )}
          <p className="mt-6 text-center text-sm text-stone-600">
            {t("haveAccount")}{" "}
            <Link href="/signin" className="font-semibold text-accent hover:underline">
              {t("signIn")}
            </Link>
          </p>
        </section>
      )}
    </PageShell>
  );
}
