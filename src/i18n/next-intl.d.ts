import type { Messages } from "./catalogs";
import type { Locale } from "./locales";

// Types every `t("...")` call against the English catalog: a key that does not exist fails the
// type check, not the reader.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
