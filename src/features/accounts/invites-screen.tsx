"use client";
import { signInLinkTo } from "@/features/accounts/sign-in-link";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import { z } from "zod";
import { myInviteSchema, myInvitesSchema, type MyInvite, type MyInvites } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { CARD } from "./form-field";
import { PageShell } from "./page-shell";

const STATUS_STYLE: Record<MyInvite["status"], string> = {
  valid: "bg-green-50 text-green-800",
  used: "bg-sky-50 text-sky-800",
  expired: "bg-stone-100 text-stone-600",
  revoked: "bg-stone-100 text-stone-600",
};

function InviteRow({ invite, onRevoke }: { invite: MyInvite; onRevoke: (id: string) => void }) {
  const t = useTranslations("accounts.invites");
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  const link =
    typeof window === "undefined"
      ? `/invite/${invite.code}`
      : `${window.location.origin}/invite/${invite.code}`;
  async function copy() {
    // Absent outside secure contexts (plain http), which the DOM types do not model.
    if ("clipboard" in navigator) await navigator.clipboard.writeText(link).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <li className="rounded-2xl p-4 ring-1 ring-black/5" data-testid="invite" data-status={invite.status}>
      <div className="flex items-center justify-between gap-3">
        <span className={`rounded-full px-3 py-1 text-xs font-semibold ${STATUS_STYLE[invite.status]}`}>
          {t(`status.${invite.status}`)}
        </span>
        <span className="text-xs text-stone-500">
          {invite.status === "valid"
            ? t("expires", { date: format.dateTime(new Date(invite.expiresAt), { dateStyle: "medium" }) })
            : t("made", { date: format.dateTime(new Date(invite.createdAt), { dateStyle: "medium" }) })}
        </span>
      </div>
      {invite.joined ? (
        <Link href={`/u/${invite.joined.username}`} className="mt-3 flex items-center gap-3 hover:opacity-80">
          <Avatar
            id={invite.joined.id}
            name={invite.joined.displayName}
            src={invite.joined.avatarUrl}
            size="sm"
          />
          <span className="min-w-0">
            <span className="block truncate font-semibold">{invite.joined.displayName}</span>
            <span className="block truncate text-sm text-stone-500">
              {t("joinedWith", { username: invite.joined.username })}
            </span>
          </span>
        </Link>
      ) : invite.status === "valid" ? (
        <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
          <code
            className="min-w-0 flex-1 truncate rounded-xl bg-stone-100 px-3 py-2 text-sm text-stone-700"
            data-testid="invite-link"
          >
            {link}
          </code>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => void copy()}
              className="flex-1 rounded-full bg-ink px-4 py-2 text-sm font-semibold text-white hover:bg-black sm:flex-none"
            >
              {copied ? t("copied") : t("copy")}
            </button>
            <button
              type="button"
              onClick={() => onRevoke(invite.id)}
              className="flex-1 rounded-full px-4 py-2 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50 sm:flex-none"
            >
              {t("revoke")}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** /invites: make invite links within your quota, see who joined, revoke unused ones. */
export function InvitesScreen() {
  const t = useTranslations("accounts.invites");
  const errorText = useErrorText();
  const [data, setData] = useState<MyInvites | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await callApi("GET", "/api/invites", myInvitesSchema);
    if (result.ok) setData(result.data);
    else setError(errorText(result.error));
  }, [errorText]);
  useEffect(() => void load(), [load]);

  async function create() {
    setError(null);
    const result = await callApi("POST", "/api/invites", myInviteSchema);
    if (!result.ok) setError(errorText(result.error));
    await load();
  }
  async function revoke(id: string) {
    const result = await callApi("DELETE", `/api/invites/${encodeURIComponent(id)}`, z.object({}));
    if (!result.ok) setError(errorText(result.error));
    await load();
  }

  return (
    <PageShell>
      {(state) =>
        state.status !== "signed-in" ? (
          <section className={CARD}>
            <h1 className="text-2xl font-bold">{t("title")}</h1>
            <p className="mt-2 text-stone-600">
              {t.rich("signInTo", {
                link: signInLinkTo("/invites"),
              })}
            </p>
          </section>
        ) : (
          <section className={CARD}>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
              <div>
                <h1 className="text-2xl font-bold tracking-tight">{t("heading")}</h1>
                <p className="mt-1 text-stone-600">{t("text")}</p>
              </div>
              <button
                type="button"
                onClick={() => void create()}
                disabled={data !== null && data.remaining === 0}
                className="rounded-full bg-live px-5 py-3 font-semibold text-white hover:bg-green-700 disabled:opacity-50"
              >
                {t("create")}
              </button>
            </div>
            {data && (
              <p className="mt-4 text-sm text-stone-600" data-testid="invites-remaining">
                {t("remaining", { remaining: data.remaining, quota: data.quota })}
              </p>
            )}
            {error && (
              <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
                {error}
              </p>
            )}
            {data && data.invites.length === 0 && (
              <p className="mt-6 rounded-2xl border border-dashed border-stone-300 p-6 text-center text-stone-600">
                {t("empty")}
              </p>
            )}
            {data && data.invites.length > 0 && (
              <ul className="mt-5 space-y-3" aria-label={t("list")}>
                {data.invites.map((invite) => (
                  <InviteRow key={invite.id} invite={invite} onRevoke={(id) => void revoke(id)} />
                ))}
              </ul>
            )}
          </section>
        )
      }
    </PageShell>
  );
}
