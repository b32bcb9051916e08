import { InvitesScreen } from "@/features/accounts/invites-screen";

export default function InvitesPage() {
  return <InvitesScreen />;
}
