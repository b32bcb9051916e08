"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CurrentUser } from "@/shared/protocol";
import { CARD } from "@/features/accounts/form-field";
import { SignInForm } from "@/features/accounts/sign-in-form";
import { SignUpForm } from "@/features/accounts/sign-up-form";
import { useRegistrationInfo } from "@/features/accounts/use-registration-info";

/**
 * Sign in, or create an account in place when the server lets anyone join (open sign-up). Used on the home page and on a room page for signed-out visitors.
 */
export function SignInCard({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  const t = useTranslations("hallway.signInCard");
  const info = useRegistrationInfo();
  const [tab, setTab] = useState<"signin" | "signup">("signin");
  const canSignUpHere = info !== null && info.mode === "open";
  const tabClass = (active: boolean) =>
    `flex-1 rounded-full px-3 py-2 text-sm font-semibold whitespace-nowrap transition ${active ? "bg-white text-ink shadow-sm" : "text-stone-600 hover:text-ink"}`;

  return (
    <section className={CARD} aria-label={t("label")}>
      <div role="tablist" className="flex gap-1 rounded-full bg-stone-100 p-1">
        <button
          type="button"
          role="tab"
          aria-selected={tab === "signin"}
          onClick={() => setTab("signin")}
          className={tabClass(tab === "signin")}
        >
          {t("signIn")}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === "signup"}
          onClick={() => setTab("signup")}
          className={tabClass(tab === "signup")}
        >
          {t("createAccount")}
        </button>
      </div>
      <div className="mt-6">
        {tab === "signin" && <SignInForm onSignedIn={onSignedIn} />}
        {tab === "signup" && canSignUpHere && <SignUpForm onSignedUp={onSignedIn} />}
        {tab === "signup" && info !== null && !canSignUpHere && (
          <div className="space-y-3 text-stone-700">
            <p className="font-semibold">
              {info.mode === "invite" ? t("inviteOnlyTitle") : t("closedTitle")}
            </p>
            <p className="text-sm">{info.mode === "invite" ? t("inviteOnlyText") : t("closedText")}</p>
            {info.mode === "invite" && (
              <Link
                href="/signup"
                className="inline-block text-sm font-semibold text-accent underline-offset-2 hover:underline"
              >
                {t("haveCode")}
              </Link>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
