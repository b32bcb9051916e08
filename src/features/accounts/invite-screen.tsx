"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { invitePreviewSchema, type InvitePreview } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { HeadphonesIcon } from "@/components/icons";
import { HandIcon, MailIcon, PeopleIcon } from "./account-icons";
import { callApi } from "@/lib/api";
import { CARD, PRIMARY_BUTTON } from "./form-field";
import { PageShell } from "./page-shell";

const BAD_CODE: Record<Exclude<InvitePreview["status"], "valid">, { title: string; text: string }> = {
  used: {
    title: "This invite has been used",
    text: "Each invite link lets one person join. Ask for a fresh one.",
  },
  expired: {
    title: "This invite has expired",
    text: "Invite links last a limited time. Ask the person who sent it for a new one.",
  },
  revoked: {
    title: "This invite was withdrawn",
    text: "The person who made it took it back. Ask them, or another member, for a new one.",
  },
  unknown: {
    title: "We don't recognise this invite",
    text: "Check that you copied the whole link, or ask for a new one.",
  },
};

/** /invite/[code]: who invited you and what this place is, then on to sign-up. */
export function InviteScreen({ code, roomId }: { code: string; roomId?: string | undefined }) {
  // After sign-up the newcomer lands in the room they were invited to (sign-up keeps `next` on our origin).
  const next = roomId && /^[A-Za-z0-9_-]{1,64}$/.test(roomId) ? `/rooms/${roomId}` : null;
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  useEffect(() => {
    void callApi("GET", `/api/invite-codes/${encodeURIComponent(code)}`, invitePreviewSchema).then((result) =>
      setPreview(result.ok ? result.data : { status: "unknown", inviter: null, expiresAt: null }),
    );
  }, [code]);

  return (
    <PageShell>
      {(state) => {
        if (preview === null)
          return <p className="mt-10 text-center text-stone-500">Checking your invite…</p>;
        if (preview.status !== "valid") {
          const bad = BAD_CODE[preview.status];
          return (
            <section className={`${CARD} text-center`} data-testid="invite-problem">
              <span className="mx-auto flex h-14 w-14 items-center justify-center rounded-2xl bg-stone-100 text-stone-600">
                <MailIcon className="h-7 w-7" />
              </span>
              <h1 className="mt-3 text-2xl font-bold tracking-tight">{bad.title}</h1>
              <p className="mt-2 text-stone-600">{bad.text}</p>
              <Link
                href="/"
                className="mt-6 inline-block rounded-full bg-ink px-6 py-3 font-semibold text-white hover:bg-black"
              >
                Listen to live rooms
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
                  <p className="text-sm text-stone-500">You&apos;re invited by</p>
                  <p className="truncate text-xl font-semibold">{inviter.displayName}</p>
                  <p className="truncate text-sm text-stone-500">@{inviter.username}</p>
                </div>
              </div>
            )}
            <h1 className="mt-6 text-2xl font-bold tracking-tight sm:text-3xl">Join the conversation</h1>
            <ul className="mt-4 space-y-3 text-stone-700">
              {[
                { icon: <HeadphonesIcon />, text: "Drop into live audio rooms with one tap." },
                { icon: <HandIcon />, text: "Raise your hand and speak when the host brings you up." },
                { icon: <PeopleIcon />, text: "Follow the people you like and see who they follow." },
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
                You already have an account — this invite can go to someone else.
                {next && (
                  <>
                    {" "}
                    <Link href={next} className="font-semibold text-accent hover:underline">
                      Go to the room
                    </Link>
                  </>
                )}
              </p>
            ) : (
              <Link
                href={`/signup?invite=${encodeURIComponent(code)}${next ? `&next=${encodeURIComponent(next)}` : ""}`}
                className={`${PRIMARY_BUTTON} mt-6 block text-center`}
              >
                Accept invite
              </Link>
            )}
            {preview.expiresAt && (
              <p className="mt-3 text-center text-xs text-stone-500">
                This link works until {new Date(preview.expiresAt).toLocaleDateString()}.
              </p>
            )}
          </section>
        );
      }}
    </PageShell>
  );
}
