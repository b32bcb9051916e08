import { describe, expect, it } from "vitest";
import { auditCsv, csvCell } from "../../server/moderation/audit-csv";
import { sanctionInForce, sanctionMessage } from "../../server/moderation/standing";
import { mayActOn, staffRoleOf } from "../../server/moderation/staff";

describe("[TS-UNIT] sanctions and the audit CSV", () => {
  it("[TS-UNIT-1] a suspension is over once its end has passed; a ban outlasts it", () => {
    const now = new Date("2026-12-03T12:00:00.000Z");
    const until = new Date("2026-12-04T12:00:00.000Z");
    const suspended = { suspendedUntil: until, bannedAt: null, sanctionReason: "spam" };
    const inForce = sanctionInForce(suspended, now);
    expect(inForce).toEqual({ kind: "suspended", reason: "spam", until });
    expect(inForce && sanctionMessage(inForce)).toBe(
      "Your account is suspended until 2026-12-04T12:00:00.000Z. Reason: spam",
    );
    expect(sanctionInForce(suspended, new Date(until.getTime() + 1))).toBeNull();
    expect(sanctionInForce({ ...suspended, bannedAt: now }, new Date(until.getTime() + 1))?.kind).toBe(
      "banned",
    );
    expect(sanctionInForce({ suspendedUntil: null, bannedAt: null, sanctionReason: null }, now)).toBeNull();
  });

  it("[TS-UNIT-2] a moderator cannot act on an admin; an admin can", () => {
    expect(mayActOn("moderator", { isAdmin: true })).toBe(false);
    expect(mayActOn("moderator", { isAdmin: false })).toBe(true);
    expect(mayActOn("admin", { isAdmin: true })).toBe(true);
    expect(staffRoleOf({ isAdmin: false, isModerator: false })).toBeNull();
  });

  it("[TS-UNIT-3] CSV cells: RFC 4180 quoting and the formula guard", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    for (const lead of ["=", "+", "-", "@"]) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell("=A1,B1")).toBe(`"'=A1,B1"`);
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    const file = auditCsv([
      {
        id: "1",
        at: "2026-12-03T12:00:00.000Z",
        action: "platform.warn",
        actorId: "a",
        actorName: "Ada",
        targetUserId: "t",
        targetName: "-Tim",
        roomId: null,
        roomTitle: "",
        reason: "x",
        details: { until: "soon" },
      },
    ]);
    expect(file).toBe(
      'at,action,actor_id,actor,target_id,target,room_id,room,reason,details\r\n2026-12-03T12:00:00.000Z,platform.warn,a,Ada,t,\'-Tim,,,x,"{""until"":""soon""}"\r\n',
    );
  });
});

describe("[TS-UNIT-4] the console's action filter", () => {
  it("[TS-UNIT-4] lists exactly the audit log's actions", async () => {
    const { AUDIT_ACTIONS } = await import("../../server/moderation/audit-ports");
    const { AUDIT_ACTION_NAMES } = await import("../../src/shared/protocol");
    expect([...AUDIT_ACTION_NAMES]).toEqual([...AUDIT_ACTIONS]);
  });
});
