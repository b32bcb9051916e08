import type { Metadata } from "next";
import { ProfileScreen } from "@/features/accounts/profile-screen";
import { profileLinkPreview } from "@/lib/link-previews";

type ProfilePageProps = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: ProfilePageProps): Promise<Metadata> {
  const { username } = await params;
  const preview = await profileLinkPreview(decodeURIComponent(username));
  if (!preview) return { title: "Audio Rooms" };
  const title = `${preview.displayName} (@${preview.username})`;
  const description = preview.bio || `${preview.displayName} on Audio Rooms`;
  return {
    title,
    description,
    openGraph: { title, description, type: "profile", siteName: "Audio Rooms" },
    twitter: { card: "summary_large_image", title, description },
  };
}

export default async function ProfilePage({ params }: ProfilePageProps) {
  const { username } = await params;
  return <ProfileScreen username={decodeURIComponent(username)} />;
}
