import type { Locale } from "./locales";
// One namespace per feature, one file per language: engineers working on different features
// never edit the same catalog. Register a namespace with its three imports and one entry below.
import commonEn from "../../messages/en/common.json";
import commonId from "../../messages/id/common.json";
import commonZh from "../../messages/zh-CN/common.json";
import errorsEn from "../../messages/en/errors.json";
import errorsId from "../../messages/id/errors.json";
import errorsZh from "../../messages/zh-CN/errors.json";
import recordingEn from "../../messages/en/recording.json";
import recordingId from "../../messages/id/recording.json";
import recordingZh from "../../messages/zh-CN/recording.json";
import replaysEn from "../../messages/en/replays.json";
import replaysId from "../../messages/id/replays.json";
import replaysZh from "../../messages/zh-CN/replays.json";

const namespaces = {
  common: { en: commonEn, id: commonId, "zh-CN": commonZh },
  errors: { en: errorsEn, id: errorsId, "zh-CN": errorsZh },
  recording: { en: recordingEn, id: recordingId, "zh-CN": recordingZh },
  replays: { en: replaysEn, id: replaysId, "zh-CN": replaysZh },
};

type Namespaces = typeof namespaces;
/** The English catalog is the source of truth: its shape types every `t()` call. */
export type Messages = { [N in keyof Namespaces]: Namespaces[N]["en"] };

function catalogFor(locale: Locale): Messages {
  const entries = Object.entries(namespaces).map(([name, byLocale]) => [name, byLocale[locale]]);
  return Object.fromEntries(entries) as Messages;
}

/** Every language's messages, built once at start. */
export const catalogs: Record<Locale, Messages> = {
  en: catalogFor("en"),
  id: catalogFor("id"),
  "zh-CN": catalogFor("zh-CN"),
};

/** The namespaces with their per-language catalogs, for the completeness test. */
export const catalogNamespaces: Record<string, Record<Locale, unknown>> = namespaces;
