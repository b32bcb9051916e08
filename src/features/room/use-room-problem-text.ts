"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback } from "react";
import { useConnectRefusalText, useErrorText } from "@/i18n/error-text";
import type { RoomProblem } from "./room-problems";

/** How a room problem (room-problems.ts) reads in this person's language. */
export function useRoomProblemText(): (problem: RoomProblem) => string {
  const t = useTranslations("room.problems");
  const format = useFormatter();
  const errorText = useErrorText();
  const refusalText = useConnectRefusalText();
  return useCallback(
    (problem) => {
      switch (problem.kind) {
        case "room":
          return t(problem.key);
        case "refusal":
          return errorText(problem.error);
        case "connect":
          return refusalText(problem.refusal);
        case "text":
          return problem.text;
        case "sanctioned": {
          const what = problem.banned
            ? t("banned")
            : problem.until
              ? t("suspendedUntil", {
                  until: format.dateTime(new Date(problem.until), {
                    dateStyle: "medium",
                    timeStyle: "short",
                  }),
                })
              : t("suspended");
          return problem.reason ? `${what} ${t("reason", { reason: problem.reason })}` : what;
        }
      }
    },
    [t, format, errorText, refusalText],
  );
}
