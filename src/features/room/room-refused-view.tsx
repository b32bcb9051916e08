"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/i18n/error-text";
import type { AckError } from "@/shared/protocol";
import { PageShell } from "@/features/accounts/page-shell";
import { SignInCard } from "@/features/hallway/sign-in-card";

/** Drawn, not an emoji: emoji fonts are missing on some systems (and in headless browsers). */
function LockIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="h-7 w-7"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <rect x="4.5" y="10.5" width="15" height="10" rx="2.5" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

/** Why this person cannot come in (closed, social, blocked, no such room), and what they can do. */
export function RoomRefusedView({ error, onSignedIn }: { error: AckError; onSignedIn: () => void }) {
  const t = useTranslations("room");
  const errorText = useErrorText();
  const missing = error.code === "not_found";
  return (
    <PageShell>
      {(state, setUser) => (
        <>
          <section
            className="rounded-[2rem] bg-white p-6 text-center shadow-sm ring-1 ring-black/5 sm:p-10"
            aria-label={t("refused.label")}
          >
            <div
              aria-hidden
              className="mx-auto flex h-14 w-14 items-center justify-center rounded-2xl bg-stone-100 text-2xl font-bold text-stone-500"
            >
              {missing ? "?" : <LockIcon />}
            </div>
            <h1 className="mt-4 text-2xl font-bold">
              {missing ? t("refused.missing") : t("refused.cannotJoin")}
            </h1>
            <p className="mt-2 text-stone-600">{errorText(error)}</p>
            <Link
              href="/"
              className="mt-6 inline-block rounded-full bg-ink px-6 py-3 font-semibold text-white"
            >
              {t("backToHallway")}
            </Link>
          </section>
          {!missing && state.status === "signed-out" && (
            <SignInCard
              onSignedIn={(user) => {
                setUser(user);
                onSignedIn();
              }}
            />
          )}
        </>
      )}
    </PageShell>
  );
}
