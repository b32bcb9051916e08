import { fail, type AckError } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import { FIELD_NAMES, type ContentFilter, type FilteredField } from "./content-filter";
import type { ReportStore } from "./report-ports";

const FILTERED_FIELDS: readonly FilteredField[] = ["title", "description", "displayName", "bio", "chat"];

export type FlaggedText = { field: FilteredField; text: string; phrase: string };

export type Screening = { ok: false; error: AckError } | { ok: true; flagged: FlaggedText[] };

/**
 * Applies the word filters to the texts of one request (a room's title and description, a
 * person's name and bio): a `block` match refuses the request naming the field; `flag` matches
 * let it through and become reports for the moderators once the change is made (`fileFlags`).
 */
export class TextScreening {
  constructor(
    private readonly deps: {
      filter: ContentFilter;
      reports: ReportStore;
      logger: Logger;
      now: () => Date;
    },
  ) {}

  screen(fields: Partial<Record<FilteredField, string>>): Screening {
    const flagged: FlaggedText[] = [];
    for (const field of FILTERED_FIELDS) {
      const text = fields[field];
      if (!text) continue;
      const verdict = this.deps.filter.check(field, text);
      if (verdict.kind === "block") {
        const message = `The ${FIELD_NAMES[field]} contains a word this server does not allow.`;
        return fail("invalid_input", message, [{ path: field, message }]);
      }
      if (verdict.kind === "flag") flagged.push({ field, text, phrase: verdict.phrase });
    }
    return { ok: true, flagged };
  }

  /** Opens one word-filter report per flagged text; a failure is logged, never thrown. */
  async fileFlags(
    flagged: readonly FlaggedText[],
    subject: { roomId?: string | null; targetUserId?: string | null },
  ): Promise<void> {
    for (const flag of flagged) {
      const at = this.deps.now();
      try {
        await this.deps.reports.create({
          source: "word_filter",
          reporterId: null,
          roomId: subject.roomId ?? null,
          targetUserId: subject.targetUserId ?? null,
          category: "other",
          details: `The ${FIELD_NAMES[flag.field]} matched the word filter "${flag.phrase}".`,
          context: {
            at: at.toISOString(),
            room: null,
            targetRole: null,
            filter: { field: flag.field, text: flag.text, phrase: flag.phrase },
          },
          at,
        });
      } catch (error) {
        this.deps.logger.error({ err: error, field: flag.field }, "word-filter report could not be saved");
      }
    }
  }
}
