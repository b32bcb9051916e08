"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import type { Replay } from "@/shared/protocol";
import { callApi } from "@/lib/api";

/** The host's own controls of a replay: publish or unpublish it, and delete it (asked twice). */
export function ReplayManage({ replay, onChanged }: { replay: Replay; onChanged: () => void }) {
  const t = useTranslations("replays");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const path = `/api/recordings/${encodeURIComponent(replay.id)}`;
  const run = async (work: () => ReturnType<typeof callApi<unknown>>) => {
    const result = await work();
    if (result.ok) onChanged();
    else setProblem(result.error.message);
  };
  return (
    <div className="mt-6 border-t border-stone-100 pt-4">
      <p className="text-sm text-stone-600">{replay.published ? t("publishedHelp") : t("unpublishedHelp")}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          data-testid="replay-publish"
          onClick={() => void run(() => callApi("PUT", path, z.unknown(), { published: !replay.published }))}
          className="rounded-full px-4 py-2 text-sm font-semibold text-ink ring-1 ring-stone-300 hover:bg-stone-50"
        >
          {replay.published ? t("unpublish") : t("publish")}
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              data-testid="replay-delete-confirm"
              onClick={() => void run(() => callApi("DELETE", path, z.unknown()))}
              className="rounded-full bg-red-700 px-4 py-2 text-sm font-semibold text-white"
            >
              {t("deleteConfirm")}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="px-3 py-2 text-sm text-stone-600"
            >
              {t("cancel")}
            </button>
          </>
        ) : (
          <button
            type="button"
            data-testid="replay-delete"
            onClick={() => setConfirming(true)}
            className="rounded-full px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-red-200 hover:bg-red-50"
          >
            {t("delete")}
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
