import type { MetadataRoute } from "next";
import { getLocale, getTranslations } from "next-intl/server";

/**
 * The web app manifest (/manifest.webmanifest): what "Add to Home Screen" installs. Browsers fetch
 * it without cookies, so its language is the browser's (Accept-Language), which is what an
 * installed app's name should follow anyway.
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getTranslations("shell");
  return {
    id: "/",
    name: t("brand"),
    short_name: t("shortName"),
    description: t("tagline"),
    lang: await getLocale(),
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f4f1ea",
    theme_color: "#f4f1ea",
    categories: ["social", "music"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
