import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/i18n/catalogs";
import { LOCALES } from "@/i18n/locales";
import {
  adviseOnMicrophone,
  classifyMicrophoneError,
  type MicrophoneProblem,
} from "@/features/room/microphone-problems";

/** getUserMedia rejects with a DOMException; tests use plain objects with the same `name`. */
const failure = (name: string) => ({ name, message: "browser said no" });

describe("[MIC-1] a getUserMedia failure is classified by its DOMException name", () => {
  it.each<[string, MicrophoneProblem]>([
    ["NotAllowedError", "denied"],
    ["PermissionDeniedError", "denied"],
    ["SecurityError", "denied"],
    ["NotFoundError", "no-device"],
    ["DevicesNotFoundError", "no-device"],
    ["OverconstrainedError", "no-device"],
    ["NotReadableError", "in-use"],
    ["AbortError", "in-use"],
    ["SomethingNew", "in-use"],
  ])("%s → %s", (name, problem) => {
    expect(classifyMicrophoneError(failure(name))).toBe(problem);
  });

  it("anything that is not an error object is a device that would not start", () => {
    expect(classifyMicrophoneError("boom")).toBe("in-use");
    expect(classifyMicrophoneError(null)).toBe("in-use");
    expect(classifyMicrophoneError({ name: 42 })).toBe("in-use");
  });
});

/** The card's words for a problem, as the UI renders them (room catalog, `mic.*`). */
function adviceText(problem: MicrophoneProblem, locale: (typeof LOCALES)[number] = "en") {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "room.mic" });
  const advice = adviseOnMicrophone(problem);
  return {
    title: t(`${problem}.title`),
    message: `${t(`${problem}.message`)} ${t("mutedNote")}`,
    steps: [
      ...advice.steps.map((step) => t(`steps.${step}`)),
      ...(advice.canRetry ? [t("thenTryAgain")] : []),
    ],
  };
}

describe("[MIC-2] every microphone problem gets a title, a muted note and steps to fix it", () => {
  const problems: MicrophoneProblem[] = ["denied", "no-device", "in-use", "unplugged", "unavailable"];

  it.each(problems)("%s", (problem) => {
    const advice = adviceText(problem);
    expect(advice.title.length).toBeGreaterThan(5);
    expect(advice.message).toMatch(/muted/);
    expect(advice.steps.length).toBeGreaterThan(0);
  });

  it("denied explains the browser's site settings on computers and phones, and can be retried", () => {
    const advice = adviceText("denied");
    expect(advice.steps.join(" ")).toMatch(/Site settings/);
    expect(advice.steps.join(" ")).toMatch(/Safari/);
    expect(advice.steps.at(-1)).toBe("Then tap Try again.");
    expect(adviseOnMicrophone("denied").canRetry).toBe(true);
  });

  it("only a page that cannot ask at all offers no retry", () => {
    expect(problems.filter((p) => !adviseOnMicrophone(p).canRetry)).toEqual(["unavailable"]);
  });

  it.each(LOCALES)("titles are distinct in %s, so each problem reads differently", (locale) => {
    expect(new Set(problems.map((p) => adviceText(p, locale).title)).size).toBe(problems.length);
  });

  it("[I18N-ROOM-2] the advice reads in Bahasa Indonesia and Chinese", () => {
    expect(adviceText("denied", "id").title).toBe("Akses mikrofon diblokir");
    expect(adviceText("denied", "zh-CN").title).toBe("麦克风权限被阻止");
  });
});
