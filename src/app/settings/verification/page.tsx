import { VerificationSettingsScreen } from "@/features/accounts/verification-settings-screen";

export default function VerificationSettingsPage() {
  return <VerificationSettingsScreen />;
}
