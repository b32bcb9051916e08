"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/i18n/error-text";
import {
  REPORT_CATEGORIES,
  REPORT_DETAILS_MAX,
  reportAcknowledgementSchema,
  type AckError,
  type CreateReportBody,
  type ReportCategory,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { SheetBackdrop } from "@/components/sheet-backdrop";

export type ReportTarget = CreateReportBody["target"];

/**
 * Reporting a room or a person: a category, optional words, and a plain acknowledgement. What
 * the room looked like is written down by the server; the person reported is never told.
 */
export function ReportDialog({
  target,
  subject,
  onClose,
}: {
  target: ReportTarget;
  /** Who or what is reported, as the title says it: "this room", "Sami". */
  subject: string;
  onClose: () => void;
}) {
  const t = useTranslations("reports");
  const locale = useLocale();
  const format = useFormatter();
  const errorText = useErrorText();
  const [category, setCategory] = useState<ReportCategory | null>(null);
  const [details, setDetails] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ pick: true } | AckError | null>(null);
  const [thanks, setThanks] = useState<string | null>(null);

  async function submit() {
    if (!category) {
      setError({ pick: true });
      return;
    }
    setSending(true);
    setError(null);
    const result = await callApi("POST", "/api/reports", reportAcknowledgementSchema, {
      target,
      category,
      details,
    });
    setSending(false);
    // The server's thanks is English: other readers get the catalog's.
    if (result.ok) setThanks(locale === "en" ? result.data.message : t("thanks"));
    else setError(result.error);
  }

  return (
    <SheetBackdrop onClose={onClose} layer="top">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="report-title"
        className="max-h-[92vh] w-full max-w-md overflow-y-auto rounded-t-3xl bg-white p-5 shadow-xl sm:rounded-3xl sm:p-6"
      >
        {thanks ? (
          <div className="py-4 text-center" role="status">
            <p className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-emerald-50 text-2xl text-emerald-700">
              ✓
            </p>
            <h2 id="report-title" className="mt-3 text-lg font-bold">
              {t("sent")}
            </h2>
            <p className="mt-1 text-stone-600">{thanks}</p>
            <p className="mt-1 text-sm text-stone-500">{t("nobodyTold")}</p>
            <button
              type="button"
              onClick={onClose}
              className="mt-5 w-full rounded-full bg-ink py-3 font-semibold text-white hover:bg-black"
            >
              {t("done")}
            </button>
          </div>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <h2 id="report-title" className="text-lg font-bold">
              {t("title", { subject })}
            </h2>
            <p className="mt-1 text-sm text-stone-600">{target.roomId ? t("roomNote") : t("personNote")}</p>
            <fieldset className="mt-4">
              <legend className="text-sm font-medium">{t("whatIsWrong")}</legend>
              <div className="mt-2 grid gap-2">
                {REPORT_CATEGORIES.map((name) => (
                  <label
                    key={name}
                    className={`flex cursor-pointer items-center gap-3 rounded-2xl px-4 py-2.5 ring-1 ${
                      category === name ? "bg-stone-100 ring-ink" : "ring-stone-200 hover:bg-stone-50"
                    }`}
                  >
                    <input
                      type="radio"
                      name="category"
                      value={name}
                      checked={category === name}
                      onChange={() => setCategory(name)}
                      className="h-4 w-4 accent-ink"
                    />
                    <span className="text-sm">{t(`categories.${name}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label htmlFor="report-details" className="mt-4 block text-sm font-medium">
              {t("details")} <span className="text-stone-500">{t("optional")}</span>
            </label>
            <textarea
              id="report-details"
              value={details}
              maxLength={REPORT_DETAILS_MAX}
              onChange={(event) => setDetails(event.target.value)}
              rows={3}
              className="mt-1 w-full resize-y rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 text-base outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
            />
            <p className="mt-1 text-right text-xs text-stone-500">
              {format.number(details.length)} / {format.number(REPORT_DETAILS_MAX)}
            </p>
            {error && (
              <p role="alert" className="mt-2 rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
                {"pick" in error ? t("pickCategory") : errorText(error)}
              </p>
            )}
            <div className="mt-4 flex gap-2">
              <button
                type="button"
                onClick={onClose}
                className="flex-1 rounded-full bg-stone-100 py-3 font-semibold text-stone-700 hover:bg-stone-200"
              >
                {t("cancel")}
              </button>
              <button
                type="submit"
                disabled={sending}
                className="flex-1 rounded-full bg-ink py-3 font-semibold text-white hover:bg-black disabled:opacity-60"
              >
                {sending ? t("sending") : t("send")}
              </button>
            </div>
          </form>
        )}
      </div>
    </SheetBackdrop>
  );
}
