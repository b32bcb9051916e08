"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { invitePreviewSchema, type InvitePreview } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { HeadphonesIcon } from "@/components/icons";
import { HandIcon, MailIcon, PeopleIcon } from "./account-icons";
import { callApi } from "@/lib/api";
import { CARD, PRIMARY_BUTTON } from "./form-field";
import { PageShell } from "./page-shell";

/** /invite/[code]: who invited you and what this place is, then on to sign-up. */
export function InviteScreen({ code, roomId }: { code: string; roomId?: string | undefined }) {
  // After sign-up the newcomer lands in the room they were invited to (sign-up keeps `next` on our origin).
  const next = roomId && /^[A-Za-z0-9_-]{1,64}$/.test(roomId) ? `/rooms/${roomId}` : null;
  const t = useTranslations("accounts.invite");
  const format = useFormatter();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  useEffect(() => {
    void callApi("GET", `/api/invite-codes/${encodeURIComponent(code)}`, invitePreviewSchema).then((result) =>
      setPreview(result.ok ? result.data : { status: "unknown", inviter: null, expiresAt: null }),
    );
  }, [code]);

  return (
    <PageShell>
      {(state) => {
        if (preview === null) return <p className="mt-10 text-center text-stone-500">{t("checking")}</p>;
        if (preview.status !== "valid") {
          const bad = preview.status;
          return (
            <section className={`${CARD} text-center`} data-testid="invite-problem">
              <span className="mx-auto flex h-14 w-14 items-center justify-center rounded-2xl bg-stone-100 text-stone-600">
                <MailIcon className="h-7 w-7" />
              </span>
              <h1 className="mt-3 text-2xl font-bold tracking-tight">{t(`${bad}.title`)}</h1>
              <p className="mt-2 text-stone-600">{t(`${bad}.text`)}</p>
              <Link
                href="/"
                className="mt-6 inline-block rounded-full bg-ink px-6 py-3 font-semibold text-white hover:bg-black"
              >
                {t("listen")}
              </Link>
            </section>
          );
        }
        const inviter = preview.inviter;
        return (
          <section className={CARD}>
            {inviter && (
              <div className="flex items-center gap-4">
                <Avatar id={inviter.id} name={inviter.displayName} src={inviter.avatarUrl} size="lg" />
                <div className="min-w-0">
                  <p className="text-sm text-stone-500">{t("invitedBy")}</p>
                  <p className="truncate text-xl font-semibold">{inviter.displayName}</p>
                  <p className="truncate text-sm text-stone-500">@{inviter.username}</p>
                </div>
              </div>
            )}
            <h1 className="mt-6 text-2xl font-bold tracking-tight sm:text-3xl">{t("title")}</h1>
            <ul className="mt-4 space-y-3 text-stone-700">
              {[
                { icon: <HeadphonesIcon />, text: t("pointListen") },
                { icon: <HandIcon />, text: t("pointSpeak") },
                { icon: <PeopleIcon />, text: t("pointFollow") },
              ].map((item) => (
                <li key={item.text} className="flex items-start gap-3">
                  <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-xl bg-indigo-50 text-accent">
                    {item.icon}
                  </span>
                  <span className="pt-1">{item.text}</span>
                </li>
              ))}
            </ul>
            {state.status === "signed-in" ? (
              <p className="mt-6 rounded-2xl bg-stone-100 px-4 py-3 text-sm text-stone-700">
                {t("alreadyMember")}
                {next && (
                  <>
                    {" "}
                    <Link href={next} className="font-semibold text-accent hover:underline">
                      {t("goToRoom")}
                    </Link>
                  </>
                )}
              </p>
            ) : (
              <Link
                href={`/signup?invite=${encodeURIComponent(code)}${next ? `&next=${encodeURIComponent(next)}` : ""}`}
                className={`${PRIMARY_BUTTON} mt-6 block text-center`}
              >
                {t("accept")}
              </Link>
            )}
            {preview.expiresAt && (
              <p className="mt-3 text-center text-xs text-stone-500">
                {t("worksUntil", {
                  date: format.dateTime(new Date(preview.expiresAt), { dateStyle: "medium" }),
                })}
              </p>
            )}
          </section>
        );
      }}
    </PageShell>
  );
}
