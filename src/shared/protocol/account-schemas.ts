import { z } from "zod";
import { displayNameSchema } from "./room-schemas";

// Accounts, invites, profiles and the follow graph: HTTP bodies and answers (`/api/...`).

/** Shortest password accepted at sign-up; the server adds the username and common-password rules. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password: bounds the work scrypt does on untrusted input. */
export const PASSWORD_MAX_LENGTH = 200;
export const BIO_MAX_LENGTH = 160;
/** Largest avatar upload, in bytes. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Header every state-changing API request must carry (see server/http/api-router.ts for why). */
export const CSRF_HEADER = "x-audio-rooms-csrf";

/** @handle: 3-20 of a-z, 0-9 and _; compared case-insensitively, so it is stored lower-case. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "A username has at least 3 characters.")
  .max(20, "A username has at most 20 characters.")
  .regex(/^[a-z0-9_]+$/, "Use only letters, digits and _ in a username.");

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

/** Invite codes are 22+ url-safe characters (128 random bits); anything else is unknown. */
export const inviteCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "That invite code is not valid.");

export const signUpBodySchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
  inviteCode: inviteCodeSchema.optional(),
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const signInBodySchema = z.object({
  // Sign-in accepts any case and reports a wrong pair the same way as an unknown name.
  username: z.string().trim().toLowerCase().min(1, "Enter your username.").max(40),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
});

export const currentUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  username: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  isAdmin: z.boolean(),
  /** Platform moderator: staff who may use /admin, below an admin (see server/moderation/staff.ts). */
  isModerator: z.boolean(),
  /** Staff verified this person's real name (the badge); absent from older servers. */
  realNameVerified: z.boolean().optional(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** GET /api/session: who this browser is signed in as, or null (never an error). */
export const sessionInfoSchema = z.object({ user: currentUserSchema.nullable() });

export const registrationModeSchema = z.enum(["open", "invite", "closed"]);
export type RegistrationMode = z.infer<typeof registrationModeSchema>;

/** What the sign-up page needs to know before showing its form. */
export const registrationInfoSchema = z.object({
  mode: registrationModeSchema,
  guestListening: z.boolean(),
});
export type RegistrationInfo = z.infer<typeof registrationInfoSchema>;

export const personSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  realNameVerified: z.boolean(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const inviteStatusSchema = z.enum(["valid", "used", "expired", "revoked", "unknown"]);
export type InviteStatus = z.infer<typeof inviteStatusSchema>;

/** An invite link as someone opening it sees it. */
export const invitePreviewSchema = z.object({
  status: inviteStatusSchema,
  inviter: personSummarySchema.nullable(),
  expiresAt: z.string().nullable(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** An invite as its creator sees it (the code is theirs to share). */
export const myInviteSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: inviteStatusSchema.exclude(["unknown"]),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  joined: personSummarySchema.nullable(),
});
export type MyInvite = z.infer<typeof myInviteSchema>;

export const myInvitesSchema = z.object({
  invites: z.array(myInviteSchema),
  quota: z.number().int(),
  remaining: z.number().int(),
});
export type MyInvites = z.infer<typeof myInvitesSchema>;

export const profileSchema = personSummarySchema.extend({
  bio: z.string(),
  isAdmin: z.boolean(),
  joinedAt: z.string(),
  invitedBy: personSummarySchema.nullable(),
  followers: z.number().int(),
  following: z.number().int(),
  /** How the signed-in viewer relates to this person (all false when signed out). */
  viewer: z.object({
    signedIn: z.boolean(),
    isSelf: z.boolean(),
    isAdmin: z.boolean(),
    follows: z.boolean(),
    followsYou: z.boolean(),
    blocked: z.boolean(),
  }),
});
export type Profile = z.infer<typeof profileSchema>;

export const peopleListSchema = z.object({ people: z.array(personSummarySchema) });

export const updateProfileBodySchema = z.object({
  displayName: displayNameSchema,
  bio: z.string().trim().max(BIO_MAX_LENGTH, `A bio has at most ${BIO_MAX_LENGTH} characters.`),
});

export const setVerifiedBodySchema = z.object({ verified: z.boolean() });
