"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useErrorText } from "@/i18n/error-text";
import {
  MAX_CO_HOSTS,
  MAX_TOPICS,
  MAX_PICKED_LISTENERS,
  roomDetailsSchema,
  type CurrentUser,
  type RoomType,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { CARD, FormField, issuesByPath } from "@/features/accounts/form-field";
import { PageShell } from "@/features/accounts/page-shell";
import { useFollowing } from "@/features/accounts/use-following";
import { PeoplePicker } from "./people-picker";
import { RoomDescriptionField } from "./room-description-field";
import { RoomTypePicker } from "./room-type-picker";
import { TopicChipsInput } from "./topic-chips-input";
import { LanguageSelect, preferredLanguage } from "@/features/hallway/language-select";
import { timeZoneName } from "./schedule-time";

/** The /rooms/schedule page: announce a room for later. */
export function ScheduleRoomScreen() {
  const t = useTranslations("scheduling");
  return (
    <PageShell>
      {(state) =>
        state.status === "signed-in" ? (
          <>
            <Link
              href="/"
              className="inline-flex items-center gap-1 px-1 text-sm font-medium text-stone-600 hover:text-ink"
            >
              {t("backToHallway")}
            </Link>
            <ScheduleRoomForm user={state.user} />
          </>
        ) : (
          <div className={CARD}>
            <p className="font-semibold">{t("form.signInTitle")}</p>
            <Link
              href="/signin?next=/rooms/schedule"
              className="mt-4 inline-block rounded-full bg-ink px-5 py-3 font-semibold text-white"
            >
              {t("form.signIn")}
            </Link>
          </div>
        )
      }
    </PageShell>
  );
}

const pad = (n: number) => String(n).padStart(2, "0");
const dateValue = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const timeValue = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** A sensible first suggestion: the next full hour after the coming one, in local time. */
function defaultStart(): Date {
  const at = new Date(Date.now() + 2 * 3_600_000);
  at.setMinutes(0, 0, 0);
  return at;
}

function ScheduleRoomForm({ user }: { user: CurrentUser }) {
  const t = useTranslations("scheduling.form");
  const errorText = useErrorText();
  const router = useRouter();
  const [initial] = useState(defaultStart);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [topics, setTopics] = useState<string[]>([]);
  const [type, setType] = useState<RoomType>("open");
  const [language, setLanguage] = useState(preferredLanguage);
  const [date, setDate] = useState(dateValue(initial));
  const [time, setTime] = useState(timeValue(initial));
  const [coHostIds, setCoHostIds] = useState<string[]>([]);
  const [invitedIds, setInvitedIds] = useState<string[]>([]);
  const following = useFollowing(user);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError(null);
    const at = new Date(`${date}T${time}`);
    if (Number.isNaN(at.getTime())) {
      setErrors({ scheduledFor: t("pickDateTime") });
      return;
    }
    if (at.getTime() <= Date.now()) {
      setErrors({ scheduledFor: t("pickFuture") });
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await callApi("POST", "/api/rooms", roomDetailsSchema, {
      title,
      description,
      topics,
      type,
      language,
      scheduledFor: at.toISOString(),
      coHostIds,
      invitedUserIds: type === "closed" ? invitedIds : [],
    });
    if (result.ok) {
      router.push(`/rooms/${encodeURIComponent(result.data.id)}`);
      return;
    }
    setBusy(false);
    setErrors(issuesByPath(result.error.issues));
    setError(result.error.issues?.length ? null : errorText(result.error));
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className={`${CARD} space-y-6`}
      aria-labelledby="schedule-title"
      noValidate
    >
      <div>
        <h1 id="schedule-title" className="text-2xl font-bold tracking-tight">
          {t("title")}
        </h1>
        <p className="mt-1 text-stone-600">{t("text")}</p>
      </div>

      <FormField
        id="schedule-room-title"
        label={t("roomTitle")}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={80}
        required
        placeholder={t("roomTitlePlaceholder")}
        error={errors.title}
      />

      <RoomDescriptionField
        id="schedule-description"
        value={description}
        onChange={setDescription}
        rows={3}
        error={errors.description}
        labelWeight="font-medium"
      />

      <div>
        <label htmlFor="schedule-topics" className="block text-sm font-medium">
          {t("topics")}{" "}
          <span className="font-normal text-stone-500">{t("topicsMax", { max: MAX_TOPICS })}</span>
        </label>
        <div className="mt-1">
          <TopicChipsInput topics={topics} onChange={setTopics} />
        </div>
      </div>

      <div>
        <label htmlFor="schedule-language" className="mb-1 block text-sm font-medium">
          {t("language")}
        </label>
        <LanguageSelect id="schedule-language" value={language} onChange={setLanguage} />
      </div>

      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("whoCanJoin")}</legend>
        <RoomTypePicker value={type} onChange={setType} />
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium">{t("when")}</legend>
        <div className="mt-1 grid grid-cols-[1fr_auto] gap-2">
          <input
            type="date"
            aria-label={t("date")}
            value={date}
            min={dateValue(new Date())}
            onChange={(e) => setDate(e.target.value)}
            className="min-w-0 rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
          />
          <input
            type="time"
            aria-label={t("time")}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            className="rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
          />
        </div>
        <p className={`mt-1 text-sm ${errors.scheduledFor ? "text-red-700" : "text-stone-500"}`}>
          {errors.scheduledFor ?? t("yourTime", { zone: timeZoneName() })}
        </p>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium">
          {t("coHosts")}{" "}
          <span className="font-normal text-stone-500">{t("coHostsHint", { max: MAX_CO_HOSTS })}</span>
        </legend>
        <div className="mt-2">
          {following === null ? (
            <p className="text-sm text-stone-500">{t("loadingFollowing")}</p>
          ) : following.length === 0 ? (
            <p className="text-sm text-stone-500">{t("followFirst")}</p>
          ) : (
            <PeoplePicker
              label={t("coHosts")}
              people={following}
              selected={coHostIds}
              max={MAX_CO_HOSTS}
              onChange={setCoHostIds}
            />
          )}
        </div>
        {errors.coHostIds && <p className="mt-1 text-sm text-red-700">{errors.coHostIds}</p>}
      </fieldset>

      {type === "closed" && following !== null && following.length > 0 && (
        <fieldset>
          <legend className="text-sm font-medium">
            {t("invite")} <span className="font-normal text-stone-500">{t("inviteHint")}</span>
          </legend>
          <div className="mt-2">
            <PeoplePicker
              label={t("invited")}
              people={following.filter((p) => !coHostIds.includes(p.id))}
              selected={invitedIds}
              max={MAX_PICKED_LISTENERS}
              onChange={setInvitedIds}
            />
          </div>
        </fieldset>
      )}

      {error && (
        <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-full bg-accent px-5 py-4 text-lg font-semibold text-white transition hover:bg-indigo-700 disabled:opacity-60"
      >
        {busy ? t("busy") : t("submit")}
      </button>
    </form>
  );
}
