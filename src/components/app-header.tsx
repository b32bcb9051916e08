"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CurrentUser } from "@/shared/protocol";
import { NotificationBell } from "@/features/notifications/notification-bell";
import { Avatar } from "./avatar";

/** The app's top bar: the brand, and for a signed-in person their profile, invites and sign-out. */
export function AppHeader({ user, onSignOut }: { user: CurrentUser | null; onSignOut?: () => void }) {
  const t = useTranslations("shell");
  return (
    <header className="flex items-center justify-between gap-3 py-4">
      <Link
        href="/"
        className="flex shrink-0 items-center gap-2 text-lg font-bold tracking-tight whitespace-nowrap"
      >
        <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-xl bg-ink text-white">
          ◉
        </span>
        <span className={user ? "hidden min-[400px]:inline" : ""}>{t("brand")}</span>
      </Link>
      {user && (
        <nav
          aria-label={t("nav.label")}
          className="flex items-center gap-0.5 text-sm whitespace-nowrap sm:gap-2"
        >
          <NotificationBell />
          {(user.isAdmin || user.isModerator) && (
            <Link
              href="/admin"
              className="rounded-full px-2.5 py-1.5 font-medium text-stone-700 hover:bg-white sm:px-3"
            >
              {t("nav.console")}
            </Link>
          )}
          <Link
            href="/invites"
            className="rounded-full px-2.5 py-1.5 font-medium text-stone-700 hover:bg-white sm:px-3"
          >
            {t("nav.invites")}
          </Link>
          {onSignOut && (
            <button
              type="button"
              onClick={onSignOut}
              className="rounded-full px-2.5 py-1.5 text-stone-500 hover:bg-white sm:px-3"
            >
              {t("nav.signOut")}
            </button>
          )}
          <Link
            href={user.username ? `/u/${user.username}` : "/settings/profile"}
            className="ml-1 flex items-center gap-2 rounded-full hover:opacity-90"
          >
            <span className="hidden font-medium text-stone-700 sm:inline">{user.displayName}</span>
            {/* Named by its content, not an aria-label: what a voice-control user sees is in the name. */}
            <span className="sr-only">{t("nav.yourProfile")}</span>
            <Avatar id={user.id} name={user.displayName} src={user.avatarUrl} size="sm" />
          </Link>
        </nav>
      )}
    </header>
  );
}
