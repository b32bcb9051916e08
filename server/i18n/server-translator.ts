// use-intl is next-intl's framework-free core (next-intl re-exports it): the server is plain Node,
// not a React render, so it takes the translator from there.
import { createTranslator } from "use-intl/core";
import type { Locale } from "../../src/shared/locales";
import schedulingEn from "../../messages/en/scheduling.json";
import schedulingId from "../../messages/id/scheduling.json";
import schedulingZh from "../../messages/zh-CN/scheduling.json";

/** Only the namespaces the server writes with; the pages load every catalog through src/i18n. */
const scheduling = { en: schedulingEn, id: schedulingId, "zh-CN": schedulingZh };

/** The calendar file's words in one language, typed against the English catalog. */
export function calendarTranslator(locale: Locale) {
  return createTranslator({
    locale,
    messages: { scheduling: scheduling[locale] },
    namespace: "scheduling.calendar",
  });
}
