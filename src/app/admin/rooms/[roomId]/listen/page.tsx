import { ListenInScreen } from "@/features/admin/listen-in-screen";

export default async function ListenInPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  return <ListenInScreen roomId={roomId} />;
}
