import type { InviteStatus, RegistrationMode, SignUpBody } from "../../src/shared/protocol";
import type { AccountStore, InviteStore, RegisterRefusal } from "./account-ports";

const INVITE_REFUSALS: Record<Exclude<InviteStatus, "valid">, RegisterRefusal> = {
  used: "invite_used",
  expired: "invite_expired",
  revoked: "invite_revoked",
  unknown: "invite_unknown",
};

/**
 * Why the store would refuse this sign-up, found with cheap reads before any password hashing,
 * or null to go on. The store still decides, inside its transaction (a race can still refuse);
 * this only never lets a refusable sign-up cost scrypt work. A sign-up claiming the free admin
 * slot (server/accounts/first-admin.ts) is left to the store: it needs no invite, whatever the mode.
 */
export async function refusalBeforeHashing(
  stores: { accounts: AccountStore; invites: InviteStore; mode: RegistrationMode },
  body: SignUpBody,
  claimsAdmin: boolean,
  now: Date,
): Promise<RegisterRefusal | null> {
  if (claimsAdmin && !(await stores.accounts.hasAdmin())) return null;
  if (stores.mode === "closed") return "registration_closed";
  if (stores.mode === "invite") {
    if (!body.inviteCode) return "invite_required";
    const { status } = await stores.invites.preview(body.inviteCode, now);
    if (status !== "valid") return INVITE_REFUSALS[status];
  }
  if (await stores.accounts.findCredentials(body.username.toLowerCase())) return "username_taken";
  return null;
}
