"use client";
import Link from "next/link";
import { SpeakerIcon } from "@/components/icons";
import type { Member } from "@/shared/protocol";
import type { RoomConnection, RoomViewState } from "./room-connection";
import { InvitationBanner } from "./invitation-banner";
import { MicrophoneProblemCard } from "./microphone-problem-card";
import { Banner } from "./room-banner";

/**
 * What the room needs to tell this person above the room itself: tap to listen, reconnecting, a new
 * host, a refusal or problem, a failed microphone, an invitation to speak.
 */
export function RoomNotices({
  state,
  connection,
  newHost,
}: {
  state: RoomViewState;
  connection: RoomConnection | null;
  newHost: Member | null;
}) {
  const me = state.snapshot?.self ?? null;
  return (
    <>
      {state.needsTapToListen && (
        <button
          type="button"
          onClick={() => void connection?.tapToListen()}
          className="mt-4 flex w-full items-center justify-center gap-3 rounded-3xl bg-accent px-6 py-4 text-lg font-semibold text-white shadow-lg"
        >
          <SpeakerIcon className="h-6 w-6" /> Tap to listen
        </button>
      )}
      {state.phase === "reconnecting" && (
        <Banner tone="info">{state.reconnectReason ?? "Reconnecting… you will keep your place."}</Banner>
      )}
      {newHost && (
        <Banner tone="info">
          {newHost.userId === state.selfId
            ? "You are now the host of this room."
            : `${newHost.displayName} is now the host.`}
        </Banner>
      )}
      {state.problem && (
        <Banner tone="warn">
          {state.problem}
          {state.problemNeedsVerification && (
            <>
              {" "}
              <Link href="/settings/verification" className="font-semibold underline">
                Open Settings → Verification
              </Link>
            </>
          )}
        </Banner>
      )}
      {state.micProblem && me?.role !== "listener" && (
        <MicrophoneProblemCard problem={state.micProblem} onRetry={async () => connection?.mic.retry()} />
      )}
      {me?.role === "listener" && me.invitedAt !== null && (
        <InvitationBanner
          onAnswer={(accept) =>
            void connection?.commands.perform({ command: "room:respond-to-invitation", input: { accept } })
          }
        />
      )}
    </>
  );
}
