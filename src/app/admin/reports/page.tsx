import { ReportsScreen } from "@/features/admin/reports-screen";

export default function AdminReportsPage() {
  return <ReportsScreen />;
}
