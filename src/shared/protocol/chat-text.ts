/**
 * How a chat message's text is read, the same on both sides: the server finds the `@username`
 * mentions it notifies, the browser renders links and mentions from the same segments. Nothing
 * here makes HTML: a segment is plain text, a link whose address is http(s) only, or a mention.
 */
export type ChatSegment =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "mention"; text: string; username: string };

/**
 * A link starts with http:// or https:// and runs to the next space; trailing punctuation that
 * usually ends a sentence (".,!?;:" and closing brackets or quotes) is left outside it. A mention
 * is "@" + 3-20 of [a-z0-9_] (usernames, case-insensitive), not inside a word (e-mail addresses).
 */
const TOKEN = /(https?:\/\/[^\s<>"]+)|(?<![\p{L}\p{N}_@])@([A-Za-z0-9_]{3,20})(?![A-Za-z0-9_])/giu;
const TRAILING = /[.,!?;:'")\]}>]+$/u;

export function parseChatText(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let plain = "";
  let last = 0;
  const pushText = (value: string) => {
    plain += value;
  };
  const flush = () => {
    if (plain) segments.push({ kind: "text", text: plain });
    plain = "";
  };
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    pushText(text.slice(last, start));
    const [whole, url, username] = match;
    if (url !== undefined) {
      const trailing = TRAILING.exec(url)?.[0] ?? "";
      const link = url.slice(0, url.length - trailing.length);
      const href = safeHref(link);
      if (href) {
        flush();
        segments.push({ kind: "link", text: link, href });
      } else pushText(link);
      pushText(trailing);
    } else if (username !== undefined) {
      flush();
      segments.push({ kind: "mention", text: whole, username: username.toLowerCase() });
    }
    last = start + whole.length;
  }
  pushText(text.slice(last));
  flush();
  return segments;
}

/** The address, normalised by the URL parser, if it is a well-formed http(s) URL; else null. */
export function safeHref(candidate: string): string | null {
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.hostname === "" || url.username !== "" || url.password !== "") return null;
  return url.href;
}

/** The distinct usernames a text mentions, lower-case, in order, at most `max`. */
export function mentionedUsernames(text: string, max = 10): string[] {
  const names = new Set<string>();
  for (const segment of parseChatText(text)) {
    if (segment.kind === "mention") names.add(segment.username);
    if (names.size >= max) break;
  }
  return [...names];
}
