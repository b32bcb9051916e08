import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): what "Add to Home Screen" installs. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Audio Rooms",
    short_name: "Rooms",
    description: "Drop-in audio rooms: listen in one tap, raise a hand to speak.",
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
