import { ProfileSettingsScreen } from "@/features/accounts/profile-settings-screen";

export default function ProfileSettingsPage() {
  return <ProfileSettingsScreen />;
}
