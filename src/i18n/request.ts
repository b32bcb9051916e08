import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogs } from "./catalogs";
import { LOCALE_COOKIE, negotiateLocale } from "./locales";

/**
 * next-intl's per-request configuration. There is no locale in the URL (links stay shareable across
 * languages): the language comes from the person's remembered choice or their browser.
 */
export default getRequestConfig(async () => {
  const locale = negotiateLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get("accept-language"),
  );
  return { locale, messages: catalogs[locale] };
});
