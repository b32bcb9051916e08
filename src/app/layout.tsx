import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Audio Rooms",
  description: "Drop-in audio rooms: listen in one tap, raise a hand to speak.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#f4f1ea" };

/**
 * Every page renders per request: the server's Content-Security-Policy carries a fresh nonce each
 * time (server/http/security-headers.ts), and Next.js can only stamp it on the scripts of a page
 * it renders now, not on HTML prerendered at build time.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans antialiased">
        {children}
        <footer className="px-4 pt-2 pb-8 text-center text-xs text-stone-500">
          <Link href="/privacy" className="hover:text-ink hover:underline">
            Privacy
          </Link>
        </footer>
      </body>
    </html>
  );
}
