import { ProfileScreen } from "@/features/accounts/profile-screen";

export default async function ProfilePage({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  return <ProfileScreen username={decodeURIComponent(username)} />;
}
