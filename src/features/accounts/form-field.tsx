import type { InputHTMLAttributes } from "react";

/** A labelled text input with an optional hint and error, in the app's style. */
export function FormField({
  id,
  label,
  hint,
  error,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? `${id}-note` : undefined}
        className={`mt-1 w-full rounded-2xl border bg-stone-50 px-4 py-3 text-base outline-none focus:border-accent focus:ring-2 focus:ring-accent/30 ${error ? "border-red-400" : "border-stone-300"}`}
        {...input}
      />
      {(error || hint) && (
        <p id={`${id}-note`} className={`mt-1 text-sm ${error ? "text-red-700" : "text-stone-500"}`}>
          {error ?? hint}
        </p>
      )}
    </div>
  );
}

export const PRIMARY_BUTTON =
  "w-full rounded-full bg-ink px-5 py-3 font-semibold text-white transition hover:bg-black disabled:opacity-60";
export const CARD = "rounded-3xl bg-white p-6 shadow-sm ring-1 ring-black/5 sm:p-8";

/** Field errors from an Ack's issues, keyed by path. */
export function issuesByPath(
  issues: { path: string; message: string }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) out[issue.path] ??= issue.message;
  return out;
}
