"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { verificationQueueSchema, type VerificationQueueItem } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi } from "@/lib/api";
import { AdminShell } from "./admin-shell";

const done = z.object({});

function waited(iso: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** One request: who asked, the legal name they gave (staff only), approve or reject with a reason. */
function RequestCard({
  item,
  onDecided,
}: {
  item: VerificationQueueItem;
  onDecided: (message: string) => void;
}) {
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
          ? `${item.user.displayName} is verified.`
          : `${item.user.displayName}'s request was rejected; they were told why.`,
      );
    else setError(result.error.message);
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
              Legal name: <strong className="text-ink">{item.legalName}</strong>
              <span className="text-stone-500"> · {waited(item.createdAt)}</span>
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
              Approve
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setRejecting(true)}
              className="flex-1 rounded-full px-5 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-50 sm:flex-none"
            >
              Reject…
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
            Why (they will read this)
          </label>
          <input
            id={`reason-${item.id}`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={280}
            required
            placeholder="e.g. The name does not look like a full legal name"
            className="w-full rounded-2xl border border-stone-300 bg-stone-50 px-4 py-2.5 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
          />
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={busy}
              className="rounded-full bg-red-700 px-5 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
            >
              Reject
            </button>
            <button
              type="button"
              onClick={() => setRejecting(false)}
              className="rounded-full px-5 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-50"
            >
              Cancel
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
  const [items, setItems] = useState<VerificationQueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await callApi("GET", "/api/admin/verification", verificationQueueSchema);
    if (result.ok) setItems(result.data.pending);
    else setError(result.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="space-y-4">
      <p className="text-stone-600">
        People asking for the verified badge, oldest first. Compare the legal name with what you know of them;
        the name is shown only here.
      </p>
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
      {items === null && !error && <p className="text-stone-500">Loading…</p>}
      {items?.length === 0 && (
        <p className="rounded-3xl bg-white p-8 text-center text-stone-600 shadow-sm ring-1 ring-black/5">
          Nobody is waiting for verification.
        </p>
      )}
      <ul className="space-y-3" aria-label="Pending verification requests">
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
  return <AdminShell title="Verification">{() => <Queue />}</AdminShell>;
}
