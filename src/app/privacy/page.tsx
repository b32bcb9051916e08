import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "Privacy · Audio Rooms" };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-bold">{title}</h2>
      <div className="space-y-2 text-stone-700">{children}</div>
    </section>
  );
}

/**
 * /privacy: what this self-hosted server keeps and who can hear what. It describes the software as
 * shipped; the operator of each server is who to ask about that server.
 */
export default function PrivacyPage() {
  return (
    <div className="mx-auto max-w-2xl px-4 pb-10">
      <header className="flex items-center justify-between py-5">
        <Link href="/" className="text-lg font-bold tracking-tight">
          Audio Rooms
        </Link>
        <Link href="/" className="text-sm font-semibold text-accent hover:underline">
          Back to the hallway
        </Link>
      </header>
      <main className="space-y-6 rounded-3xl bg-white p-6 shadow-sm ring-1 ring-black/5 sm:p-8">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Privacy</h1>
          <p className="mt-2 text-stone-600">
            This server runs Audio Rooms, self-hosted software. Whoever runs this server (its operator) holds
            the data described here; nothing is sent to the makers of the software or to third parties.
          </p>
        </div>

        <Section title="What is stored">
          <ul className="list-disc space-y-1.5 pl-5">
            <li>
              <strong>Your account:</strong> username, display name, bio, profile picture, a hash of your
              password (never the password itself), your sessions, whom you follow and block, your invites and
              your notifications.
            </li>
            <li>
              <strong>Rooms:</strong> titles, descriptions, topics, who hosted them, who was in them and in
              which role, when they started and ended, and why they ended.
            </li>
            <li>
              <strong>Reports</strong> you or others send about people or rooms, and what moderators decided.
            </li>
            <li>
              <strong>The audit log:</strong> every moderation action (mutes, removals, warnings, suspensions,
              listen-ins, rooms ended) with who did it, to whom, when and why. It cannot be edited or deleted.
            </li>
            <li>
              <strong>Real-name verification:</strong> if you ask for the verified badge, the legal name you
              give is kept with your request. Only this server&apos;s moderators see it; others see your
              display name and the badge.
            </li>
            <li>
              <strong>Server logs</strong> record requests and errors for running the service.
            </li>
          </ul>
        </Section>

        <Section title="Who can hear a room">
          <p>
            Everyone in a room can hear what is said on its stage. <strong>Platform staff</strong> (this
            server&apos;s moderators and admins) may listen to any live room silently to enforce the rules,
            including closed and social rooms. A listening moderator is not shown in the room, its counts or
            its audience, and cannot speak; every listen-in is recorded in the audit log.
          </p>
          <p>
            <strong>Rooms are not recorded</strong> unless a recording indicator shows in the room. Audio goes
            through this server to the listeners and is not stored.
          </p>
        </Section>

        <Section title="Moderation">
          <p>
            Staff may end a room with a reason that every member reads, and warn, suspend or ban accounts that
            break the rules. You are told when they act on your account.
          </p>
        </Section>

        <Section title="Contact">
          <p>
            For questions about your data, or to have it corrected or deleted, contact the operator of this
            server: the person or organisation who gave you the link to it.
          </p>
        </Section>
      </main>
    </div>
  );
}
