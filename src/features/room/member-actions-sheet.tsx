"use client";
import type { Member } from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import type { OfferedAction } from "./member-actions";
import type { StageAction } from "./stage-actions";
import { SheetBackdrop } from "@/components/sheet-backdrop";

/** A bottom sheet (phone) / centred card (desktop) with what you can do for one person. */
export function MemberActionsSheet({
  member,
  actions,
  onPick,
  onReport,
  onClose,
}: {
  member: Member;
  actions: OfferedAction[];
  onPick: (action: StageAction) => void;
  /** Offered to signed-in members about anyone else with an account (not guests). */
  onReport?: (() => void) | undefined;
  onClose: () => void;
}) {
  return (
    <SheetBackdrop onClose={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={`Actions for ${member.displayName}`}
        className="w-full max-w-sm rounded-t-3xl bg-white p-5 shadow-xl sm:rounded-3xl"
      >
        <div className="flex items-center gap-3">
          <Avatar id={member.userId} name={member.displayName} size="sm" />
          <div>
            <p className="font-semibold">{member.displayName}</p>
            <p className="text-sm text-stone-500 capitalize">{member.isGuest ? "guest" : member.role}</p>
          </div>
        </div>
        <ul className="mt-4 divide-y divide-stone-100">
          {actions.map((offered) => (
            <li key={offered.label}>
              <button
                type="button"
                onClick={() => onPick(offered.action)}
                className={`w-full py-3 text-left font-medium ${offered.tone === "danger" ? "text-red-700" : "text-ink"} hover:bg-stone-50`}
              >
                {offered.label}
              </button>
            </li>
          ))}
          {onReport && (
            <li>
              <button
                type="button"
                onClick={onReport}
                className="w-full py-3 text-left font-medium text-stone-600 hover:bg-stone-50"
              >
                Report {member.displayName}
              </button>
            </li>
          )}
        </ul>
        <button
          type="button"
          onClick={onClose}
          className="mt-3 w-full rounded-full bg-stone-100 py-2.5 font-semibold text-stone-700"
        >
          Close
        </button>
      </div>
    </SheetBackdrop>
  );
}
