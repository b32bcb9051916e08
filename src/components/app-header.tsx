import Link from "next/link";
import type { CurrentUser } from "@/shared/protocol";
import { Avatar } from "./avatar";

export function AppHeader({ user, onSignOut }: { user: CurrentUser | null; onSignOut?: () => void }) {
  return (
    <header className="flex items-center justify-between py-4">
      <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight">
        <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-xl bg-ink text-white">
          ◉
        </span>
        Audio Rooms
      </Link>
      {user && (
        <div className="flex items-center gap-3">
          <span className="hidden text-sm text-stone-600 sm:inline">{user.displayName}</span>
          <Avatar id={user.id} name={user.displayName} size="sm" />
          {onSignOut && (
            <button type="button" onClick={onSignOut} className="text-sm text-stone-500 underline-offset-2 hover:underline">
              Sign out
            </button>
          )}
        </div>
      )}
    </header>
  );
}
