"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { AckError, ConnectRefusal } from "@/shared/protocol";

/**
 * How a refusal reads. The server's sentence is English and often more precise ("The stage is full
 * (20 of 20)."), so English readers get it as it is; every other reader gets the sentence for its
 * error code in their own language. Codes are a closed set, so every refusal has a translation.
 */
export function useErrorText(): (error: Pick<AckError, "code" | "message">) => string {
  const t = useTranslations("errors");
  const locale = useLocale();
  return useCallback(
    (error) => (locale === "en" && error.message.trim() !== "" ? error.message : t(`codes.${error.code}`)),
    [locale, t],
  );
}

/** A refused connection (at the door, before any room command), in the reader's language. */
export function useConnectRefusalText(): (refusal: ConnectRefusal) => string {
  const t = useTranslations("errors");
  return useCallback((refusal) => t(`connect.${refusal}`), [t]);
}
