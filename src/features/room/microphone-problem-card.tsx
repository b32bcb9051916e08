"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MicIcon } from "@/components/icons";
import { adviseOnMicrophone, type MicrophoneProblem } from "./microphone-problems";

/**
 * Tells a speaker why their microphone is not working and how to fix it, with "Try again".
 * Shown above the room (not a modal): they can still listen while they sort it out.
 */
export function MicrophoneProblemCard({
  problem,
  onRetry,
}: {
  problem: MicrophoneProblem;
  onRetry: () => Promise<void>;
}) {
  const t = useTranslations("room.mic");
  const advice = adviseOnMicrophone(problem);
  const [trying, setTrying] = useState(false);
  return (
    <section
      role="alert"
      aria-label={t("label")}
      data-problem={problem}
      className="mt-4 rounded-2xl bg-amber-50 px-4 py-4 text-amber-950 ring-1 ring-amber-200"
    >
      <h2 className="flex items-center gap-2 font-semibold">
        <MicIcon off className="h-4 w-4 shrink-0" /> {t(`${problem}.title`)}
      </h2>
      <p className="mt-1 text-sm">
        {t(`${problem}.message`)} {t("mutedNote")}
      </p>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
        {advice.steps.map((step) => (
          <li key={step}>{t(`steps.${step}`)}</li>
        ))}
        {advice.canRetry && <li>{t("thenTryAgain")}</li>}
      </ol>
      {advice.canRetry && (
        <button
          type="button"
          disabled={trying}
          onClick={() => {
            setTrying(true);
            void onRetry().finally(() => setTrying(false));
          }}
          className="mt-3 rounded-full bg-ink px-5 py-2 text-sm font-semibold text-white transition hover:bg-black disabled:opacity-60"
        >
          {trying ? t("trying") : t("tryAgain")}
        </button>
      )}
    </section>
  );
}
