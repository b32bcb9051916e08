import { z } from "zod";
import { idSchema, roleSchema } from "./room-schemas";

/**
 * Trust & safety over HTTP: a member's report (POST /api/reports), the console's reports queue
 * (/api/admin/reports) and its word filters (/api/admin/filters).
 */

export const REPORT_CATEGORIES = ["harassment", "hate", "sexual", "spam", "danger", "other"] as const;
export const reportCategorySchema = z.enum(REPORT_CATEGORIES);
export type ReportCategory = z.infer<typeof reportCategorySchema>;

/** What each category is called where people pick one. */
export const REPORT_CATEGORY_LABELS: Record<ReportCategory, string> = {
  harassment: "Harassment or bullying",
  hate: "Hate speech",
  sexual: "Sexual content",
  spam: "Spam or scam",
  danger: "Someone may be in danger",
  other: "Something else",
};

export const REPORT_DETAILS_MAX = 1000;

/**
 * POST /api/reports. Only what the reporter says: the room's state at that moment (who was on
 * stage, who held the floor) is read by the server, and any other field in the body is dropped.
 */
export const createReportBodySchema = z.object({
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("room"), roomId: idSchema }),
    /** A person, seen in a room (`roomId`) or on their profile (no room). */
    z.object({ kind: z.literal("person"), userId: idSchema, roomId: idSchema.optional() }),
  ]),
  category: reportCategorySchema,
  details: z
    .string()
    .trim()
    .max(REPORT_DETAILS_MAX, `Keep it under ${REPORT_DETAILS_MAX} characters.`)
    .default(""),
});
export type CreateReportBody = z.input<typeof createReportBodySchema>;
export type CreateReportRequest = z.output<typeof createReportBodySchema>;

export const reportAcknowledgementSchema = z.object({ id: z.string(), message: z.string() });

export const reportStatusSchema = z.enum(["open", "actioned", "dismissed"]);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

const contextPersonSchema = z.object({ userId: z.string(), displayName: z.string() });

/** The room as the server saw it when the report was made (null parts: not in a live room). */
export const reportContextSchema = z.object({
  at: z.string(),
  room: z
    .object({
      id: z.string(),
      title: z.string(),
      live: z.boolean(),
      host: contextPersonSchema.nullable(),
      stage: z.array(contextPersonSchema.extend({ role: roleSchema })),
      /** Who held the floor (the active speaker) at that moment. */
      floor: contextPersonSchema.nullable(),
      listenerCount: z.number().int(),
    })
    .nullable(),
  /** The reported person's role in that room, if they were in it. */
  targetRole: roleSchema.nullable(),
  /** Word-filter flags: which field, the text and the phrase that matched. */
  filter: z.object({ field: z.string(), text: z.string(), phrase: z.string() }).nullable(),
});
export type ReportContext = z.infer<typeof reportContextSchema>;

const reportPersonSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  username: z.string().nullable(),
});

export const adminReportSchema = z.object({
  id: z.string(),
  source: z.enum(["person", "word_filter"]),
  status: reportStatusSchema,
  category: reportCategorySchema,
  details: z.string(),
  createdAt: z.string(),
  reporter: reportPersonSchema.nullable(),
  target: reportPersonSchema.nullable(),
  room: z.object({ id: z.string(), title: z.string() }).nullable(),
  context: reportContextSchema,
  resolution: z.string().nullable(),
  resolvedBy: reportPersonSchema.nullable(),
  resolvedAt: z.string().nullable(),
});
export type AdminReport = z.infer<typeof adminReportSchema>;

export const adminReportPageSchema = z.object({
  reports: z.array(adminReportSchema),
  nextCursor: z.string().nullable(),
});
export type AdminReportPage = z.infer<typeof adminReportPageSchema>;

/** GET /api/admin/reports?status=&cursor= */
export const adminReportQuerySchema = z.object({
  status: reportStatusSchema.default("open"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** POST /api/admin/reports/:id/resolve */
export const resolveReportBodySchema = z.object({
  outcome: z.enum(["actioned", "dismissed"]),
  resolution: z
    .string()
    .trim()
    .min(1, "Say what was done, for the next moderator.")
    .max(500, "Keep the note under 500 characters."),
});
export type ResolveReportBody = z.infer<typeof resolveReportBodySchema>;

export const reportCountsByRoomSchema = z.object({
  rooms: z.array(z.object({ roomId: z.string(), count: z.number().int() })),
});

export const wordFilterActionSchema = z.enum(["block", "flag"]);
export type WordFilterAction = z.infer<typeof wordFilterActionSchema>;

export const wordFilterSchema = z.object({
  id: z.string(),
  phrase: z.string(),
  normalized: z.string(),
  action: wordFilterActionSchema,
  createdAt: z.string(),
});
export type WordFilterEntry = z.infer<typeof wordFilterSchema>;

export const wordFilterListSchema = z.object({ filters: z.array(wordFilterSchema) });

/** POST /api/admin/filters */
export const addWordFilterBodySchema = z.object({
  phrase: z.string().trim().min(1, "Type the word or phrase.").max(100, "Keep it under 100 characters."),
  action: wordFilterActionSchema,
});
