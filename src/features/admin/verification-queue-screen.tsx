"use client";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { verificationQueueSchema, type VerificationQueueItem } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { AdminShell } from "./admin-shell";

const done = z.object({});

/** One request: who asked, the legal name they gave (staff only), approve or reject with a reason. */
function RequestCard({
  item,
  onDecided,
}: {
  item: VerificationQueueItem;
  onDecided: (message: string) => void;
}) {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const format = useFormatter();
  // How long they have waited, in the viewer's language ("5 min. ago"); re-read every minute.
  const now = useNow({ updateInterval: 60_000 });
  const created = new Date(item.createdAt);
  const waited =
    now.getTime() - created.getTime() < 60_000
      ? t("verification.justNow")
      : format.relativeTime(created, { now, style: "short" });
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(action: "approve" | "reject") {
    setBusy(true);
    setError(null);
    const result = await callApi(
      "POST",
      `/api/admin/verification/${encodeURIComponent(item.id)}/${action}`,
      done,
      action === "reject" ? { reason } : undefined,
    );
    setBusy(false);
    if (result.ok)
      onDecided(
        action === "approve"
          ? t("verification.approved", { name: item.user.displayName })
          : t("verification.rejected", { name: item.user.displayName }),
      );
    else setError(errorText(result.error));
  }

  return (
    <li className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex min-w-0 items-center gap-3">
          <Avatar id={item.user.id} name={item.user.displayName} src={item.user.avatarUrl} size="sm" />
          <div className="min-w-0">
            <p className="truncate font-semibold">
              {item.user.username ? (
                <Link href={`/u/${encodeURIComponent(item.user.username)}`} className="hover:underline">
                  {item.user.displayName}
                </Link>
              ) : (
                item.user.displayName
              )}
              {item.user.username && (
                <span className="ml-2 text-sm font-normal text-stone-500">@{item.user.username}</span>
              )}
            </p>
            <p className="text-sm text-stone-600">
              {t.rich("verification.legalName", {
                name: item.legalName,
                strong: (chunks) => <strong className="text-ink">{chunks}</strong>,
              })}
              <span className="text-stone-500"> · {waited}</span>
            </p>
          </div>
        </div>
        {!rejecting && (
          <div className="flex shrink-0 gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() => void decide("approve")}
              className="flex-1 rounded-full bg-ink px-5 py-2 text-sm font-semibold text-white hover:bg-black disabled:opacity-60 sm:flex-none"
            >
              {t("verification.approve")}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setRejecting(true)}
              className="flex-1 rounded-full px-5 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-50 sm:flex-none"
            >
              {t("verification.rejectOpen")}
            </button>
          </div>
        )}
      </div>
      {rejecting && (
        <form
          className="mt-4 space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            void decide("reject");
          }}
        >
          <label htmlFor={`reason-${item.id}`} className="block text-sm font-medium">
            {t("verification.why")}
          </label>
          <input
            id={`reason-${item.id}`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={280}
            required
            placeholder={t("verification.whyPlaceholder")}
            className="w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-2.5 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
          />
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={busy}
              className="rounded-full bg-red-700 px-5 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
            >
              {t("verification.reject")}
            </button>
            <button
              type="button"
              onClick={() => setRejecting(false)}
              className="rounded-full px-5 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-50"
            >
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-2xl bg-red-50 px-4 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </li>
  );
}

function Queue() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const [items, setItems] = useState<VerificationQueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await callApi("GET", "/api/admin/verification", verificationQueueSchema);
    if (result.ok) setItems(result.data.pending);
    else setError(errorText(result.error));
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="space-y-4">
      <p className="text-stone-600">{t("verification.intro")}</p>
      {notice && (
        <p role="status" className="rounded-2xl bg-green-50 px-4 py-3 text-sm text-green-800">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {items === null && !error && <p className="text-stone-500">{t("common.loading")}</p>}
      {items?.length === 0 && (
        <p className="rounded-3xl bg-white p-8 text-center text-stone-600 shadow-sm ring-1 ring-black/5">
          {t("verification.empty")}
        </p>
      )}
      <ul className="space-y-3" aria-label={t("verification.pending")}>
        {items?.map((item) => (
          <RequestCard
            key={item.id}
            item={item}
            onDecided={(message) => {
              setNotice(message);
              void load();
            }}
          />
        ))}
      </ul>
    </div>
  );
}

/** /admin/verification: the queue of real-name requests. */
export function VerificationQueueScreen() {
  const t = useTranslations("admin");
  return <AdminShell title={t("shell.sections.verification")}>{() => <Queue />}</AdminShell>;
}
