"use client";
import { signInLinkTo } from "@/features/accounts/sign-in-link";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ChangeEvent, type SubmitEvent } from "react";
import { useErrorText } from "@/i18n/error-text";
import { LanguagePicker } from "@/features/i18n/language-picker";
import {
  AVATAR_MAX_BYTES,
  BIO_MAX_LENGTH,
  currentUserSchema,
  profileSchema,
  type CurrentUser,
} from "@/shared/protocol";
import { Avatar } from "@/components/avatar";
import { callApi, uploadApi } from "@/lib/api";
import { CARD, FormField, PRIMARY_BUTTON, issuesByPath } from "./form-field";
import { PageShell } from "./page-shell";

function ProfileForm({
  user,
  initialBio,
  onSaved,
}: {
  user: CurrentUser;
  initialBio: string;
  onSaved: (user: CurrentUser) => void;
}) {
  const t = useTranslations("accounts.settings");
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [bio, setBio] = useState(initialBio);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await callApi("POST", "/api/me/profile", currentUserSchema, { displayName, bio });
    setBusy(false);
    if (result.ok) {
      setFields({});
      setMessage({ kind: "ok", text: t("saved") });
      onSaved(result.data);
    } else {
      setFields(issuesByPath(result.error.issues));
      setMessage({ kind: "error", text: errorText(result.error) });
    }
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > AVATAR_MAX_BYTES) {
      setMessage({ kind: "error", text: t("tooLarge") });
      return;
    }
    const result = await uploadApi("/api/me/avatar", currentUserSchema, file);
    if (result.ok) {
      setMessage({ kind: "ok", text: t("pictureUpdated") });
      onSaved(result.data);
    } else setMessage({ kind: "error", text: errorText(result.error) });
  }

  async function removePicture() {
    const result = await callApi("DELETE", "/api/me/avatar", currentUserSchema);
    if (result.ok) onSaved(result.data);
  }

  return (
    <form onSubmit={(event) => void save(event)} className={`${CARD} space-y-5`} aria-label={t("label")}>
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        {user.username && (
          <Link href={`/u/${user.username}`} className="text-sm font-semibold text-accent hover:underline">
            {t("view")}
          </Link>
        )}
      </div>
      <div className="flex items-center gap-4">
        <Avatar id={user.id} name={displayName || user.displayName} src={user.avatarUrl} size="lg" />
        <div className="flex flex-wrap gap-2">
          <label className="cursor-pointer rounded-full bg-ink px-4 py-2 text-sm font-semibold text-white hover:bg-black">
            {t("upload")}
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp"
              onChange={(e) => void upload(e)}
              className="sr-only"
              aria-label={t("upload")}
            />
          </label>
          {user.avatarUrl && (
            <button
              type="button"
              onClick={() => void removePicture()}
              className="rounded-full px-4 py-2 text-sm font-medium ring-1 ring-stone-300 hover:bg-stone-50"
            >
              {t("remove")}
            </button>
          )}
          <p className="w-full text-xs text-stone-500">{t("pictureHint")}</p>
        </div>
      </div>
      <FormField
        id="profile-name"
        label={t("displayName")}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        maxLength={40}
        error={fields.displayName}
        required
      />
      <div>
        <label htmlFor="profile-bio" className="block text-sm font-medium">
          {t("bio")}
        </label>
        <textarea
          id="profile-bio"
          value={bio}
          onChange={(e) => setBio(e.target.value)}
          maxLength={BIO_MAX_LENGTH}
          rows={3}
          placeholder={t("bioPlaceholder")}
          className="mt-1 w-full resize-none rounded-2xl border border-stone-300 bg-stone-50 px-4 py-3 text-base outline-none focus:border-accent focus:ring-2 focus:ring-accent/30"
        />
        <p className={`mt-1 text-right text-xs ${fields.bio ? "text-red-700" : "text-stone-500"}`}>
          {fields.bio ?? `${bio.length}/${BIO_MAX_LENGTH}`}
        </p>
      </div>
      {message && (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`rounded-2xl px-4 py-3 text-sm ${message.kind === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
        >
          {message.text}
        </p>
      )}
      <button type="submit" disabled={busy} className={PRIMARY_BUTTON}>
        {busy ? t("saving") : t("save")}
      </button>
    </form>
  );
}

/** Loads the current bio first, so the form never overwrites what someone starts typing. */
function ProfileLoader({ user, onSaved }: { user: CurrentUser; onSaved: (user: CurrentUser) => void }) {
  const t = useTranslations("accounts.settings");
  const shell = useTranslations("shell");
  const [bio, setBio] = useState<string | null>(null);
  useEffect(() => {
    if (!user.username) return setBio("");
    void callApi("GET", `/api/users/${user.username}`, profileSchema).then((result) =>
      setBio(result.ok ? result.data.bio : ""),
    );
  }, [user.username]);
  if (bio === null) return <p className="mt-10 text-center text-stone-500">{shell("loading")}</p>;
  return (
    <>
      <ProfileForm user={user} initialBio={bio} onSaved={onSaved} />
      <Link
        href="/settings/verification"
        className={`${CARD} flex items-center justify-between gap-3 hover:bg-stone-50`}
      >
        <span>
          <span className="block font-semibold">{t("verification")}</span>
          <span className="block text-sm text-stone-600">
            {user.realNameVerified ? t("verified") : t("getVerified")}
          </span>
        </span>
        <span aria-hidden="true" className="text-stone-400">
          →
        </span>
      </Link>
      <section className={`${CARD} space-y-3`} aria-labelledby="settings-language">
        <h2 id="settings-language" className="font-semibold">
          {t("language")}
        </h2>
        <p className="text-sm text-stone-600">{t("languageText")}</p>
        <LanguagePicker />
      </section>
    </>
  );
}

/** /settings/profile: display name, bio, picture. */
export function ProfileSettingsScreen() {
  const t = useTranslations("accounts.settings");
  return (
    <PageShell>
      {(state, setUser) =>
        state.status === "signed-in" ? (
          <ProfileLoader user={state.user} onSaved={setUser} />
        ) : (
          <section className={CARD}>
            <p>
              {t.rich("signInTo", {
                link: signInLinkTo("/settings/profile"),
              })}
            </p>
          </section>
        )
      }
    </PageShell>
  );
}
