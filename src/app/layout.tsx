import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguagePicker } from "@/features/i18n/language-picker";
import { catalogs } from "@/i18n/catalogs";
import { IntlClientProvider } from "@/i18n/intl-client-provider";
import { ServiceWorkerRegistration } from "@/features/install/service-worker-registration";
import "./globals.css";

/**
 * Shared links need absolute image URLs: the configured public origin, or (a local install) the
 * host this request came to.
 */
export async function generateMetadata(): Promise<Metadata> {
  const host = (await headers()).get("host") ?? "localhost:3000";
  const origin = process.env.PUBLIC_ORIGIN?.trim() || `http://${host}`;
  const t = await getTranslations("shell");
  return {
    metadataBase: URL.canParse(origin) ? new URL(origin) : null,
    title: t("brand"),
    description: t("tagline"),
    applicationName: t("brand"),
    appleWebApp: { capable: true, title: t("brand"), statusBarStyle: "default" },
    icons: {
      icon: [
        { url: "/favicon.svg", type: "image/svg+xml" },
        { url: "/icons/icon-192.png", sizes: "192x192" },
      ],
      apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
    },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f4f1ea" },
    { media: "(prefers-color-scheme: dark)", color: "#131210" },
  ],
};

/**
 * Every page renders per request: the server's Content-Security-Policy carries a fresh nonce each
 * time (server/http/security-headers.ts), and Next.js can only stamp it on the scripts of a page
 * it renders now, not on HTML prerendered at build time.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("common.footer");
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans antialiased">
        <IntlClientProvider locale={locale} messages={catalogs[locale]}>
          {children}
          <ServiceWorkerRegistration />
          <footer className="flex items-center justify-center gap-4 px-4 pt-2 pb-8 text-xs text-stone-500">
            <Link href="/privacy" className="hover:text-ink hover:underline">
              {t("privacy")}
            </Link>
            <LanguagePicker compact />
          </footer>
        </IntlClientProvider>
      </body>
    </html>
  );
}
