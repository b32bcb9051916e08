import { AuditLogPage } from "@/features/admin/audit-log";

export default function AdminAuditPage() {
  return <AuditLogPage />;
}
