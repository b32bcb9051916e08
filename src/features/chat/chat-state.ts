import type { ChatJoin, ChatMessage, ChatSettings } from "@/shared/protocol";

/** Keep at most this many messages in the page: a long evening's chat costs a screenful more. */
const MAX_KEPT = 500;

/** One tab's view of a room's chat. Pure updates: the hook holds it in React state. */
export type ChatState = {
  joined: boolean;
  messages: ChatMessage[];
  hasMore: boolean;
  settings: ChatSettings;
  readOnlyReason: ChatJoin["readOnlyReason"];
  mutedUserIds: string[];
  /** Authors this person blocked: their messages are never shown here. */
  hidden: ReadonlySet<string>;
  /** Messages arrived while the chat was not on screen (the phone's chat button shows it). */
  unread: number;
};

export const EMPTY_CHAT: ChatState = {
  joined: false,
  messages: [],
  hasMore: false,
  settings: { enabled: true, slowModeSeconds: 0 },
  readOnlyReason: null,
  mutedUserIds: [],
  hidden: new Set(),
  unread: 0,
};

const visible = (state: Pick<ChatState, "hidden">, messages: readonly ChatMessage[]) =>
  messages.filter((message) => !state.hidden.has(message.authorId));

/** A (re)join's answer replaces everything: it is the server's latest word. */
export function fromJoin(join: ChatJoin, previous: ChatState): ChatState {
  const hidden = new Set(join.hiddenAuthorIds);
  return {
    joined: true,
    messages: visible({ hidden }, join.messages),
    hasMore: join.hasMore,
    settings: join.settings,
    readOnlyReason: join.readOnlyReason,
    mutedUserIds: join.mutedUserIds,
    hidden,
    unread: previous.unread,
  };
}

/** New messages (from the fan-out, or the answer to our own send): appended once each. */
export function withNew(state: ChatState, messages: readonly ChatMessage[], onScreen: boolean): ChatState {
  const known = new Set(state.messages.map((message) => message.id));
  const fresh = visible(state, messages).filter((message) => !known.has(message.id));
  if (fresh.length === 0) return state;
  const all = [...state.messages, ...fresh];
  const trimmed = all.length > MAX_KEPT ? all.slice(all.length - MAX_KEPT) : all;
  return {
    ...state,
    messages: trimmed,
    hasMore: state.hasMore || trimmed.length < all.length,
    unread: onScreen ? 0 : state.unread + fresh.length,
  };
}

/** An older page, put in front. */
export function withOlder(state: ChatState, page: { messages: ChatMessage[]; hasMore: boolean }): ChatState {
  const known = new Set(state.messages.map((message) => message.id));
  const older = visible(state, page.messages).filter((message) => !known.has(message.id));
  return { ...state, messages: [...older, ...state.messages], hasMore: page.hasMore };
}

export function withoutMessages(state: ChatState, ids: readonly string[]): ChatState {
  const gone = new Set(ids);
  return { ...state, messages: state.messages.filter((message) => !gone.has(message.id)) };
}

/** The rules changed; hosts and moderators still write when the chat is off. */
export function withSettings(state: ChatState, settings: ChatSettings, moderates: boolean): ChatState {
  const readOnlyReason =
    state.readOnlyReason === "guest" || state.readOnlyReason === "muted"
      ? state.readOnlyReason
      : settings.enabled || moderates
        ? null
        : "disabled";
  return { ...state, settings, readOnlyReason };
}

/** A moderator (un)muted this person's chat. */
export function withMuted(state: ChatState, muted: boolean, moderates: boolean): ChatState {
  if (state.readOnlyReason === "guest") return state;
  const readOnlyReason = muted ? "muted" : state.settings.enabled || moderates ? null : "disabled";
  return { ...state, readOnlyReason };
}
