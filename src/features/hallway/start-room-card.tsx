"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import {
  MAX_PICKED_LISTENERS,
  roomDetailsSchema,
  type AudioFrameMs,
  type CurrentUser,
  type RoomType,
} from "@/shared/protocol";
import { callApi } from "@/lib/api";
import { useErrorText } from "@/i18n/error-text";
import { useFollowing } from "@/features/accounts/use-following";
import { PeoplePicker } from "@/features/scheduling/people-picker";
import { RoomDescriptionField } from "@/features/scheduling/room-description-field";
import { RoomTypePicker } from "@/features/scheduling/room-type-picker";
import { TopicChipsInput } from "@/features/scheduling/topic-chips-input";
import { BigAudienceToggle } from "./big-audience-toggle";
import { LanguageSelect, preferredLanguage } from "./language-select";

/**
 * Start a room now: a title is enough (one step); "More options" adds a description, topics, who
 * may join, and for closed rooms the people let in. The creator lands on stage as host.
 */
export function StartRoomCard({ user }: { user: CurrentUser }) {
  const t = useTranslations("hallway.start");
  const errorText = useErrorText();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState("");
  const [topics, setTopics] = useState<string[]>([]);
  const [type, setType] = useState<RoomType>("open");
  const [language, setLanguage] = useState(preferredLanguage);
  const [invitedIds, setInvitedIds] = useState<string[]>([]);
  const [audioFrameMs, setAudioFrameMs] = useState<AudioFrameMs>(20);
  const following = useFollowing(user, open && type === "closed");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi("POST", "/api/rooms", roomDetailsSchema, {
      title,
      description,
      topics,
      type,
      language,
      invitedUserIds: type === "closed" ? invitedIds : [],
      audioFrameMs,
    });
    if (result.ok) {
      router.push(`/rooms/${result.data.id}`);
      return;
    }
    setBusy(false);
    setError(result.error.issues?.[0]?.message ?? errorText(result.error));
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-black/5"
      aria-label={t("label")}
    >
      <label htmlFor="room-title" className="text-sm font-semibold">
        {t("label")}
      </label>
      <div className="mt-2 flex flex-col gap-3 sm:flex-row">
        <input
          id="room-title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={80}
          placeholder={t("placeholder")}
          className="min-w-0 flex-1 rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
        />
        <button
          type="submit"
          disabled={busy}
          className="rounded-full bg-live px-6 py-3 font-semibold text-white transition hover:bg-green-700 disabled:opacity-60"
        >
          {busy ? t("starting") : t("submit")}
        </button>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          className="font-medium text-accent hover:underline"
        >
          {open ? t("fewer") : t("more")}
        </button>
        <Link href="/rooms/schedule" className="font-medium text-stone-600 hover:text-ink hover:underline">
          {t("schedule")}
        </Link>
        {!open && type !== "open" && (
          <span className="text-stone-500">{type === "social" ? t("socialRoom") : t("closedRoom")}</span>
        )}
      </div>
      {open && (
        <div className="mt-4 space-y-4 border-t border-stone-100 pt-4">
          <RoomDescriptionField
            id="room-description"
            value={description}
            onChange={setDescription}
            rows={2}
          />
          <div>
            <p className="mb-1 text-sm font-semibold">{t("topics")}</p>
            <TopicChipsInput topics={topics} onChange={setTopics} />
          </div>
          <div>
            <label htmlFor="room-language" className="mb-1 block text-sm font-semibold">
              {t("spokenLanguage")}
            </label>
            <LanguageSelect id="room-language" value={language} onChange={setLanguage} />
          </div>
          <div>
            <p className="mb-1 text-sm font-semibold">{t("whoCanJoin")}</p>
            <RoomTypePicker value={type} onChange={setType} />
          </div>
          <BigAudienceToggle value={audioFrameMs} onChange={setAudioFrameMs} />
          {type === "closed" &&
            (following === null ? (
              <p className="text-sm text-stone-500">{t("loadingFollowing")}</p>
            ) : (
              <PeoplePicker
                label={t("letIn")}
                people={following}
                selected={invitedIds}
                max={MAX_PICKED_LISTENERS}
                onChange={setInvitedIds}
              />
            ))}
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
