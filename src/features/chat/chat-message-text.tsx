import Link from "next/link";
import { parseChatText } from "@/shared/protocol";

/**
 * A message's text as React nodes, never as HTML: plain text stays text (React escapes it), only
 * http(s) addresses become links (opened in a new tab, with no opener and no referrer), and
 * `@username` becomes a link to that profile inside the app.
 */
export function ChatMessageText({ text }: { text: string }) {
  return (
    <>
      {parseChatText(text).map((segment, i) => {
        if (segment.kind === "link")
          return (
            <a
              key={i}
              href={segment.href}
              target="_blank"
              rel="noopener noreferrer"
              className="[overflow-wrap:anywhere] text-teal-700 underline decoration-teal-700/40 underline-offset-2 hover:decoration-teal-700"
            >
              {segment.text}
            </a>
          );
        if (segment.kind === "mention")
          return (
            <Link
              key={i}
              href={`/u/${segment.username}`}
              className="rounded bg-amber-100 px-0.5 font-medium text-amber-900 hover:bg-amber-200"
            >
              {segment.text}
            </Link>
          );
        return <span key={i}>{segment.text}</span>;
      })}
    </>
  );
}
