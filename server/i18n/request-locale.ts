import type { IncomingMessage } from "node:http";
import { LOCALE_COOKIE, negotiateLocale, type Locale } from "../../src/shared/locales";
import { readCookie } from "../http/cookies";

/**
 * The language a request reads in, by the pages' own rule: the picker's cookie, else the browser's
 * Accept-Language, else English. Files the server writes for people (the .ics) use it.
 */
export function requestLocale(request: Pick<IncomingMessage, "headers">): Locale {
  const acceptLanguage = request.headers["accept-language"];
  return negotiateLocale(
    readCookie(request.headers.cookie, LOCALE_COOKIE),
    typeof acceptLanguage === "string" ? acceptLanguage : null,
  );
}
