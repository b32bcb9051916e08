"use client";
import { useEffect } from "react";

/**
 * Registers the shell's service worker (public/sw.js) in production builds, which makes the app
 * installable and gives it an offline page. Development skips it: a cached shell would fight hot reload.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Not fatal: the app works without it (e.g. an http origin that is not localhost).
    });
  }, []);
  return null;
}
