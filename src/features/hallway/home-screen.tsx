"use client";
import { useTranslations } from "next-intl";
import { signOut as signOutOfServer } from "@/lib/sign-out";
import { LiveRoomList } from "./live-room-list";
import { SignInCard } from "./sign-in-card";
import { StartRoomCard } from "./start-room-card";
import { useCurrentUser } from "./use-current-user";
import { AppHeader } from "@/components/app-header";
import { UpcomingRooms } from "@/features/scheduling/upcoming-rooms";

export function HomeScreen() {
  const [state, setUser] = useCurrentUser();
  const t = useTranslations("hallway");
  const shell = useTranslations("shell");

  async function signOut() {
    await signOutOfServer();
    setUser(null);
  }

  return (
    <div className="mx-auto max-w-2xl px-4 pb-16">
      <AppHeader user={state.status === "signed-in" ? state.user : null} onSignOut={() => void signOut()} />
      {state.status === "loading" && <p className="mt-10 text-center text-stone-500">{shell("loading")}</p>}
      {state.status === "signed-out" && (
        <main className="mt-6 space-y-6">
          <section className="px-1">
            <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t("hero.title")}</h1>
            <p className="mt-2 text-stone-600">{t("hero.text")}</p>
          </section>
          <SignInCard onSignedIn={(user) => setUser(user)} />
          <section>
            <h2 className="mb-3 px-1 text-lg font-semibold">{t("happeningNow")}</h2>
            <LiveRoomList />
          </section>
          <UpcomingRooms />
        </main>
      )}
      {state.status === "signed-in" && (
        <main className="mt-6 space-y-6">
          <StartRoomCard user={state.user} />
          <section>
            <h2 className="mb-3 px-1 text-lg font-semibold">{t("happeningNow")}</h2>
            <LiveRoomList />
          </section>
          <UpcomingRooms />
        </main>
      )}
    </div>
  );
}
