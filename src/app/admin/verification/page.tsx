import { VerificationQueueScreen } from "@/features/admin/verification-queue-screen";

export default function AdminVerificationPage() {
  return <VerificationQueueScreen />;
}
