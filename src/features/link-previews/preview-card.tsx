import type { ReactNode } from "react";

/** The size chat apps expect of an Open Graph image. */
export const PREVIEW_SIZE = { width: 1200, height: 630 };

/**
 * The picture a shared link unfurls with, drawn by next/og (Satori: flexbox and inline styles
 * only, no Tailwind). Kept to the bundled font and no emoji: both would be fetched from the
 * internet, which a self-hosted server may not reach.
 */
export function PreviewCard({
  kicker,
  title,
  subtitle,
  footer,
  live,
}: {
  kicker: string;
  title: string;
  subtitle: string;
  footer: ReactNode;
  live: boolean;
}) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: "#f4f1ea",
        color: "#1c1917",
        fontFamily: "Geist",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 20 }}>
        <div
          style={{
            width: 64,
            height: 64,
            borderRadius: 18,
            background: "#1c1917",
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
          }}
        >
          <div style={{ width: 26, height: 26, borderRadius: 13, border: "6px solid #f4f1ea" }} />
        </div>
        <div style={{ fontSize: 34, fontWeight: 700 }}>Audio Rooms</div>
        <div
          style={{
            marginLeft: "auto",
            display: "flex",
            alignItems: "center",
            gap: 12,
            padding: "10px 24px",
            borderRadius: 999,
            background: live ? "#15803d" : "#e7e5e4",
            color: live ? "#ffffff" : "#44403c",
            fontSize: 28,
            fontWeight: 700,
          }}
        >
          {live && <div style={{ width: 14, height: 14, borderRadius: 7, background: "#ffffff" }} />}
          {kicker}
        </div>
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 18 }}>
        <div style={{ fontSize: title.length > 48 ? 60 : 76, fontWeight: 700, lineHeight: 1.1 }}>{title}</div>
        <div style={{ fontSize: 34, color: "#57534e" }}>{subtitle}</div>
      </div>
      <div style={{ display: "flex", fontSize: 30, color: "#44403c" }}>{footer}</div>
    </div>
  );
}

/** At most `max` characters, cut at a word when it can be. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
