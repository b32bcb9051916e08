import { RoomGate } from "@/features/room/room-gate";

export default async function RoomPage({
  params,
  searchParams,
}: {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { roomId } = await params;
  const { key } = await searchParams;
  // A closed room's share link carries its key: /rooms/<id>?key=<secret>.
  return <RoomGate roomId={roomId} shareKey={typeof key === "string" ? key : undefined} />;
}
