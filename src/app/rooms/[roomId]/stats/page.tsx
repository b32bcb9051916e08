import type { Metadata } from "next";
import { RoomStatsScreen } from "@/features/room-stats/room-stats-screen";

export const metadata: Metadata = { title: "Room stats · Audio Rooms" };

export default async function RoomStatsPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  return <RoomStatsScreen roomId={roomId} />;
}
