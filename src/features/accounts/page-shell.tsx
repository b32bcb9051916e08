"use client";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { CurrentUser } from "@/shared/protocol";
import { AppHeader } from "@/components/app-header";
import { signOut as signOutOfServer } from "@/lib/sign-out";
import { useCurrentUser, type CurrentUserState } from "@/features/hallway/use-current-user";

/** The frame of the account pages: header (with sign-out) and a centred column. */
export function PageShell({
  children,
  wide = false,
}: {
  children: (state: CurrentUserState, setUser: (user: CurrentUser | null) => void) => ReactNode;
  /** A wider column for tables (the admin console). */
  wide?: boolean;
}) {
  const [state, setUser] = useCurrentUser();
  const router = useRouter();
  const t = useTranslations("shell");
  async function signOut() {
    await signOutOfServer();
    setUser(null);
    router.push("/");
  }
  return (
    <div className={`mx-auto px-4 pb-16 ${wide ? "max-w-5xl" : "max-w-2xl"}`}>
      <AppHeader user={state.status === "signed-in" ? state.user : null} onSignOut={() => void signOut()} />
      <main className="mt-4 space-y-6">
        {state.status === "loading" ? (
          <p className="mt-10 text-center text-stone-500">{t("loading")}</p>
        ) : (
          children(state, setUser)
        )}
      </main>
    </div>
  );
}
