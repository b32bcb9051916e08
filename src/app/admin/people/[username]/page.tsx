import { PersonPage } from "@/features/admin/person-page";

export default async function AdminPersonPage({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  return <PersonPage username={decodeURIComponent(username)} />;
}
