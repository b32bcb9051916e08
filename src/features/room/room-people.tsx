"use client";
import type { Member } from "@/shared/protocol";
import { AudienceGrid } from "./audience-grid";
import { HandQueuePanel } from "./hand-queue-panel";
import { isStageFull } from "./member-actions";
import { MemberTile } from "./member-tile";
import type { RoomView } from "./room-snapshot-reducer";
import type { StageAction } from "./stage-actions";

/** The stage, the hand queue (for those who moderate) and the audience, each a section of the room. */
export function RoomPeople({
  snapshot,
  selfId,
  audience,
  selectable,
  perform,
  onShare,
  onNearEnd,
}: {
  snapshot: RoomView | null;
  selfId: string | null;
  /** The audience loaded so far, in the order to show it (people the viewer follows first). */
  audience: readonly Member[];
  /** How to open a member's sheet, or undefined when nothing can be done with them. */
  selectable: (member: Member) => (() => void) | undefined;
  perform: (action: StageAction) => void;
  onShare: () => void;
  onNearEnd: () => void;
}) {
  const me = snapshot?.self ?? null;
  const stage = snapshot?.stage ?? [];
  const audienceCount = snapshot?.counts.audience ?? 0;
  const moderates = me?.role === "host" || me?.role === "moderator";
  return (
    <>
      <section aria-label="Stage" className="mt-6">
        <h2 className="mb-3 text-xs font-semibold tracking-wider text-stone-500 uppercase">On stage</h2>
        {snapshot && stage.length === 0 && (
          <p className="text-sm text-stone-500">Nobody is on stage right now.</p>
        )}
        <ul className="flex flex-wrap gap-4">
          {stage.map((member) => (
            <MemberTile
              key={member.userId}
              member={member}
              speaking={snapshot?.activeSpeakerId === member.userId && !member.muted}
              isMe={member.userId === selfId}
              size="md"
              onSelect={selectable(member)}
            />
          ))}
        </ul>
      </section>
      {moderates && snapshot && (
        <HandQueuePanel
          queue={snapshot.raisedHands}
          handRaisingEnabled={snapshot.handRaisingEnabled}
          canToggle={me.role === "host"}
          stageFull={isStageFull(snapshot)}
          onInvite={(userId) => perform({ command: "room:invite-to-speak", input: { userId } })}
          onToggle={(enabled) => perform({ command: "room:set-hand-raising", input: { enabled } })}
        />
      )}
      <section aria-label="Listeners" className="mt-8">
        <h2
          className="mb-3 text-xs font-semibold tracking-wider text-stone-500 uppercase"
          data-testid="audience-count"
          data-count={audienceCount}
        >
          Listening ({audienceCount.toLocaleString("en-US")})
        </h2>
        {audienceCount === 0 && audience.length === 0 ? (
          <p className="text-sm text-stone-500">
            Nobody in the audience yet.{" "}
            <button type="button" onClick={onShare} className="font-semibold text-accent hover:underline">
              Share the link
            </button>{" "}
            to invite people.
          </p>
        ) : (
          <AudienceGrid
            items={audience}
            // People the viewer follows are shown first and may be counted in the pages too.
            total={Math.max(audienceCount, audience.length)}
            keyOf={(member) => member.userId}
            renderItem={(member) => (
              <MemberTile
                member={member}
                speaking={false}
                isMe={member.userId === selfId}
                size="sm"
                onSelect={selectable(member)}
              />
            )}
            onNearEnd={onNearEnd}
          />
        )}
      </section>
    </>
  );
}
