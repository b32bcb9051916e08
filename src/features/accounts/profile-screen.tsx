"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import { z } from "zod";
import { peopleListSchema, profileSchema, type PersonSummary, type Profile } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { CARD } from "./form-field";
import { PageShell } from "./page-shell";
import { PeopleList } from "./people-list";
import { ProfileReplays } from "@/features/replays/profile-replays";
import { VerifiedBadge } from "./verified-badge";
import { ReportDialog } from "@/features/reports/report-dialog";

type Tab = "followers" | "following";

/** /u/[username]: who they are, who invited them, follow/block, followers and following. */
export function ProfileScreen({ username }: { username: string }) {
  const t = useTranslations("accounts.profile");
  const shell = useTranslations("shell");
  const format = useFormatter();
  const errorText = useErrorText();
  const [profile, setProfile] = useState<Profile | null | "missing">(null);
  const [tab, setTab] = useState<Tab>("followers");
  const [people, setPeople] = useState<PersonSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);

  const load = useCallback(async () => {
    const result = await callApi("GET", `/api/users/${encodeURIComponent(username)}`, profileSchema);
    setProfile(result.ok ? result.data : "missing");
    const list = await callApi("GET", `/api/users/${encodeURIComponent(username)}/${tab}`, peopleListSchema);
    setPeople(list.ok ? list.data.people : []);
  }, [username, tab]);
  useEffect(() => void load(), [load]);

  async function act(method: "POST" | "DELETE", action: string, body?: unknown) {
    setError(null);
    const result = await callApi(
      method,
      `/api/users/${encodeURIComponent(username)}/${action}`,
      z.object({}).loose(),
      body,
    );
    if (!result.ok) setError(errorText(result.error));
    await load();
  }

  return (
    <PageShell>
      {() => {
        if (profile === null) return <p className="mt-10 text-center text-stone-500">{shell("loading")}</p>;
        if (profile === "missing")
          return (
            <section className={`${CARD} text-center`}>
              <h1 className="text-2xl font-bold">{t("missingTitle")}</h1>
              <p className="mt-2 text-stone-600">{t("missingText", { username })}</p>
            </section>
          );
        const { viewer } = profile;
        return (
          <>
            <section className={CARD} aria-label={t("label")}>
              <div className="flex items-start gap-4 sm:gap-6">
                <Avatar id={profile.id} name={profile.displayName} src={profile.avatarUrl} size="xl" />
                <div className="min-w-0 flex-1 pt-1">
                  <h1 className="flex items-center gap-2 text-xl font-bold tracking-tight sm:text-2xl">
                    <span className="min-w-0 break-words">{profile.displayName}</span>
                    {profile.realNameVerified && <VerifiedBadge />}
                  </h1>
                  <p className="text-stone-500">@{profile.username}</p>
                  <p className="mt-3 flex gap-4 text-sm">
                    <button type="button" onClick={() => setTab("followers")} className="hover:underline">
                      <strong data-testid="followers-count">{profile.followers}</strong>{" "}
                      <span className="text-stone-600">{t("followers", { count: profile.followers })}</span>
                    </button>
                    <button type="button" onClick={() => setTab("following")} className="hover:underline">
                      <strong data-testid="following-count">{profile.following}</strong>{" "}
                      <span className="text-stone-600">{t("following")}</span>
                    </button>
                  </p>
                </div>
              </div>
              {profile.bio && (
                <p className="mt-5 whitespace-pre-line text-stone-800" data-testid="bio">
                  {profile.bio}
                </p>
              )}
              <p className="mt-4 text-sm text-stone-500">
                {t("joined", {
                  date: format.dateTime(new Date(profile.joinedAt), { month: "long", year: "numeric" }),
                })}
                {profile.invitedBy && (
                  <>
                    {t("invitedBy")}
                    <Link
                      href={`/u/${profile.invitedBy.username}`}
                      className="font-medium text-stone-700 hover:underline"
                    >
                      {profile.invitedBy.displayName}
                    </Link>
                  </>
                )}
                {profile.isAdmin && t("admin")}
              </p>
              {viewer.followsYou && !viewer.isSelf && (
                <p className="mt-2 inline-block rounded-full bg-stone-100 px-3 py-1 text-xs font-medium text-stone-600">
                  {t("followsYou")}
                </p>
              )}
              <div className="mt-5 flex flex-wrap gap-2">
                {viewer.isSelf && (
                  <Link
                    href="/settings/profile"
                    className="rounded-full px-5 py-2.5 font-semibold ring-1 ring-stone-300 hover:bg-stone-50"
                  >
                    {t("edit")}
                  </Link>
                )}
                {viewer.signedIn && !viewer.isSelf && !viewer.blocked && (
                  <button
                    type="button"
                    onClick={() => void act(viewer.follows ? "DELETE" : "POST", "follow")}
                    className={
                      viewer.follows
                        ? "rounded-full px-5 py-2.5 font-semibold ring-1 ring-stone-300 hover:bg-stone-50"
                        : "rounded-full bg-ink px-6 py-2.5 font-semibold text-white hover:bg-black"
                    }
                  >
                    {viewer.follows ? t("followingButton") : t("follow")}
                  </button>
                )}
                {viewer.signedIn && !viewer.isSelf && (
                  <button
                    type="button"
                    onClick={() => void act(viewer.blocked ? "DELETE" : "POST", "block")}
                    className="rounded-full px-5 py-2.5 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50"
                  >
                    {viewer.blocked ? t("unblock") : t("block")}
                  </button>
                )}
                {viewer.signedIn && !viewer.isSelf && (
                  <button
                    type="button"
                    onClick={() => setReporting(true)}
                    className="rounded-full px-5 py-2.5 text-sm font-medium text-stone-600 ring-1 ring-stone-300 hover:bg-stone-50"
                  >
                    {t("report")}
                  </button>
                )}
                {viewer.isAdmin && (
                  <button
                    type="button"
                    onClick={() => void act("POST", "verification", { verified: !profile.realNameVerified })}
                    className="rounded-full px-5 py-2.5 text-sm font-medium text-accent ring-1 ring-accent/30 hover:bg-indigo-50"
                  >
                    {profile.realNameVerified ? t("unverify") : t("verify")}
                  </button>
                )}
                {!viewer.signedIn && (
                  <Link
                    href={`/signin?next=/u/${profile.username}`}
                    className="rounded-full bg-ink px-6 py-2.5 font-semibold text-white hover:bg-black"
                  >
                    {t("signInToFollow")}
                  </Link>
                )}
              </div>
              {viewer.blocked && <p className="mt-3 text-sm text-stone-600">{t("blocked")}</p>}
              {error && (
                <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
                  {error}
                </p>
              )}
              {reporting && (
                <ReportDialog
                  target={{ kind: "person", userId: profile.id }}
                  subject={profile.displayName}
                  onClose={() => setReporting(false)}
                />
              )}
            </section>
            <ProfileReplays username={profile.username} />
            <section
              className="rounded-3xl bg-white p-4 shadow-sm ring-1 ring-black/5 sm:p-6"
              aria-label={tab === "followers" ? t("tabFollowers") : t("tabFollowing")}
            >
              <div role="tablist" className="mb-2 flex gap-1 rounded-full bg-stone-100 p-1">
                {(["followers", "following"] as const).map((name) => (
                  <button
                    key={name}
                    type="button"
                    role="tab"
                    aria-selected={tab === name}
                    onClick={() => setTab(name)}
                    className={`flex-1 rounded-full px-4 py-2 text-sm font-semibold capitalize ${tab === name ? "bg-white shadow-sm" : "text-stone-600"}`}
                  >
                    {name === "followers" ? t("tabFollowers") : t("tabFollowing")}
                  </button>
                ))}
              </div>
              {people === null ? (
                <p className="p-4 text-sm text-stone-500">{shell("loading")}</p>
              ) : (
                <PeopleList
                  people={people}
                  empty={tab === "followers" ? t("noFollowers") : t("noFollowing")}
                />
              )}
            </section>
          </>
        );
      }}
    </PageShell>
  );
}
