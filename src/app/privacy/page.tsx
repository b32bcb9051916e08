import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("metaTitle") };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-bold">{title}</h2>
      <div className="space-y-2 text-stone-700">{children}</div>
    </section>
  );
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
const STORED = ["account", "rooms", "reports", "audit", "verification", "logs"] as const;

/**
 * /privacy: what this self-hosted server keeps and who can hear what. It describes the software as
 * shipped; the operator of each server is who to ask about that server.
 */
export default async function PrivacyPage() {
  const t = await getTranslations("privacy");
  const shell = await getTranslations("shell");
  return (
    <div className="mx-auto max-w-2xl px-4 pb-10">
      <header className="flex items-center justify-between gap-3 py-5">
        <Link href="/" className="text-lg font-bold tracking-tight">
          {shell("brand")}
        </Link>
        <Link href="/" className="text-sm font-semibold text-accent hover:underline">
          {t("back")}
        </Link>
      </header>
      <main className="space-y-6 rounded-3xl bg-white p-6 shadow-sm ring-1 ring-black/5 sm:p-8">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-2 text-stone-600">{t("intro")}</p>
        </div>

        <Section title={t("storedTitle")}>
          <ul className="list-disc space-y-1.5 pl-5">
            {STORED.map((key) => (
              <li key={key}>{t.rich(`stored.${key}`, { strong })}</li>
            ))}
          </ul>
        </Section>

        <Section title={t("hearTitle")}>
          <p>{t.rich("hear", { strong })}</p>
          <p>{t.rich("recorded", { strong })}</p>
        </Section>

        <Section title={t("moderationTitle")}>
          <p>{t("moderation")}</p>
        </Section>

        <Section title={t("contactTitle")}>
          <p>{t("contact")}</p>
        </Section>
      </main>
    </div>
  );
}
