import type { WordFilterAction } from "../../src/shared/protocol";
import type { Logger } from "../logging/logger";
import type { AuditLog } from "./audit-ports";
import type { StoredWordFilter, WordFilterStore } from "./report-ports";
import { normalizePhrase, WordFilterMatcher } from "./word-filter";

/** The texts people write that the word filters read. */
export type FilteredField = "title" | "description" | "displayName" | "bio" | "chat";

export const FIELD_NAMES: Record<FilteredField, string> = {
  title: "title",
  description: "description",
  displayName: "display name",
  bio: "bio",
  chat: "message",
};

export type FilterVerdict =
  { kind: "pass" } | { kind: "block"; phrase: string } | { kind: "flag"; phrase: string };

/**
 * The port features call before accepting text (rooms, profiles, and chat later). Answered from
 * memory, never from the database: the filters are loaded at start and on every change.
 */
export interface ContentFilter {
  check(field: FilteredField, text: string): FilterVerdict;
}

/** The word filters: the cache the checks read, and the console's list / add / remove. */
export class WordFilters implements ContentFilter {
  private matcher = new WordFilterMatcher([]);

  constructor(private readonly deps: { store: WordFilterStore; audit: AuditLog; logger: Logger }) {}

  /** (Re)reads every entry into memory. A failure keeps the previous set and is logged. */
  async load(): Promise<void> {
    try {
      const entries = await this.deps.store.list();
      this.matcher = new WordFilterMatcher(entries);
    } catch (error) {
      this.deps.logger.error({ err: error }, "word filters could not be loaded; the previous set stays");
    }
  }

  check(_field: FilteredField, text: string): FilterVerdict {
    const found = this.matcher.match(text);
    if (!found) return { kind: "pass" };
    return { kind: found.rule.action, phrase: found.rule.phrase };
  }

  list(): Promise<StoredWordFilter[]> {
    return this.deps.store.list();
  }

  /** "empty": nothing to match once normalised; "duplicate": an entry matching the same way exists. */
  async add(
    actorId: string,
    phrase: string,
    action: WordFilterAction,
  ): Promise<StoredWordFilter | "empty" | "duplicate"> {
    const normalized = normalizePhrase(phrase);
    if (!normalized) return "empty";
    const added = await this.deps.store.add({ phrase, normalized, action, createdById: actorId });
    if (!added) return "duplicate";
    await this.load();
    await this.deps.audit.record({
      action: "filter.add",
      actorId,
      reason: phrase,
      details: { phrase, normalized, action: added.action },
    });
    return added;
  }

  async remove(actorId: string, id: string): Promise<StoredWordFilter | null> {
    const removed = await this.deps.store.remove(id);
    if (!removed) return null;
    await this.load();
    await this.deps.audit.record({
      action: "filter.remove",
      actorId,
      reason: removed.phrase,
      details: { phrase: removed.phrase, normalized: removed.normalized, action: removed.action },
    });
    return removed;
  }
}
