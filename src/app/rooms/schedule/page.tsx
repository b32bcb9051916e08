import type { Metadata } from "next";
import { ScheduleRoomScreen } from "@/features/scheduling/schedule-room-form";

export const metadata: Metadata = { title: "Schedule a room" };

export default function ScheduleRoomPage() {
  return <ScheduleRoomScreen />;
}
