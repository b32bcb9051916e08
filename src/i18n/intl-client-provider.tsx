"use client";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import type { Messages } from "./catalogs";
import type { Locale } from "./locales";

/**
 * The client side of next-intl. Rendered from a client component on purpose: the server-side
 * provider would pin every time to the server's time zone, and a scheduled room must read in the
 * reader's own clock.
 */
export function IntlClientProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
    >
      {children}
    </NextIntlClientProvider>
  );
}
