import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileScreen } from "@/features/accounts/profile-screen";
import { profileLinkPreview } from "@/lib/link-previews";

type ProfilePageProps = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: ProfilePageProps): Promise<Metadata> {
  const { username } = await params;
  const t = await getTranslations("shell");
  const preview = await profileLinkPreview(decodeURIComponent(username));
  if (!preview) return { title: t("brand") };
  const title = `${preview.displayName} (@${preview.username})`;
  const description = preview.bio || t("preview.profileOn", { name: preview.displayName });
  return {
    title,
    description,
    openGraph: { title, description, type: "profile", siteName: t("brand") },
    twitter: { card: "summary_large_image", title, description },
  };
}

export default async function ProfilePage({ params }: ProfilePageProps) {
  const { username } = await params;
  return <ProfileScreen username={decodeURIComponent(username)} />;
}
