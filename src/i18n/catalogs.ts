import type { Locale } from "./locales";
// One namespace per feature, one file per language: engineers working on different features
// never edit the same catalog. Register a namespace with its three imports and one entry below.
import adminEn from "../../messages/en/admin.json";
import adminId from "../../messages/id/admin.json";
import adminZh from "../../messages/zh-CN/admin.json";
import commonEn from "../../messages/en/common.json";
import commonId from "../../messages/id/common.json";
import commonZh from "../../messages/zh-CN/common.json";
import errorsEn from "../../messages/en/errors.json";
import errorsId from "../../messages/id/errors.json";
import errorsZh from "../../messages/zh-CN/errors.json";
import roomEn from "../../messages/en/room.json";
import roomId from "../../messages/id/room.json";
import roomZh from "../../messages/zh-CN/room.json";
import reportsEn from "../../messages/en/reports.json";
import reportsId from "../../messages/id/reports.json";
import reportsZh from "../../messages/zh-CN/reports.json";
import recordingEn from "../../messages/en/recording.json";
import recordingId from "../../messages/id/recording.json";
import recordingZh from "../../messages/zh-CN/recording.json";
import replaysEn from "../../messages/en/replays.json";
import replaysId from "../../messages/id/replays.json";
import replaysZh from "../../messages/zh-CN/replays.json";
import roomStatsEn from "../../messages/en/roomStats.json";
import roomStatsId from "../../messages/id/roomStats.json";
import roomStatsZh from "../../messages/zh-CN/roomStats.json";
import shellEn from "../../messages/en/shell.json";
import shellId from "../../messages/id/shell.json";
import shellZh from "../../messages/zh-CN/shell.json";
import hallwayEn from "../../messages/en/hallway.json";
import hallwayId from "../../messages/id/hallway.json";
import hallwayZh from "../../messages/zh-CN/hallway.json";
import accountsEn from "../../messages/en/accounts.json";
import accountsId from "../../messages/id/accounts.json";
import accountsZh from "../../messages/zh-CN/accounts.json";
import schedulingEn from "../../messages/en/scheduling.json";
import schedulingId from "../../messages/id/scheduling.json";
import schedulingZh from "../../messages/zh-CN/scheduling.json";
import notificationsEn from "../../messages/en/notifications.json";
import notificationsId from "../../messages/id/notifications.json";
import notificationsZh from "../../messages/zh-CN/notifications.json";
import privacyEn from "../../messages/en/privacy.json";
import privacyId from "../../messages/id/privacy.json";
import privacyZh from "../../messages/zh-CN/privacy.json";
import a11yEn from "../../messages/en/a11y.json";
import a11yId from "../../messages/id/a11y.json";
import a11yZh from "../../messages/zh-CN/a11y.json";
import chatEn from "../../messages/en/chat.json";
import chatId from "../../messages/id/chat.json";
import chatZh from "../../messages/zh-CN/chat.json";

const namespaces = {
  admin: { en: adminEn, id: adminId, "zh-CN": adminZh },
  common: { en: commonEn, id: commonId, "zh-CN": commonZh },
  errors: { en: errorsEn, id: errorsId, "zh-CN": errorsZh },
  room: { en: roomEn, id: roomId, "zh-CN": roomZh },
  reports: { en: reportsEn, id: reportsId, "zh-CN": reportsZh },
  recording: { en: recordingEn, id: recordingId, "zh-CN": recordingZh },
  replays: { en: replaysEn, id: replaysId, "zh-CN": replaysZh },
  roomStats: { en: roomStatsEn, id: roomStatsId, "zh-CN": roomStatsZh },
  shell: { en: shellEn, id: shellId, "zh-CN": shellZh },
  hallway: { en: hallwayEn, id: hallwayId, "zh-CN": hallwayZh },
  accounts: { en: accountsEn, id: accountsId, "zh-CN": accountsZh },
  scheduling: { en: schedulingEn, id: schedulingId, "zh-CN": schedulingZh },
  notifications: { en: notificationsEn, id: notificationsId, "zh-CN": notificationsZh },
  privacy: { en: privacyEn, id: privacyId, "zh-CN": privacyZh },
  a11y: { en: a11yEn, id: a11yId, "zh-CN": a11yZh },
  chat: { en: chatEn, id: chatId, "zh-CN": chatZh },
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
