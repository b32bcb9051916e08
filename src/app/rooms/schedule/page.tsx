import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ScheduleRoomScreen } from "@/features/scheduling/schedule-room-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("room.metadata"))("scheduleTitle") };
}

export default function ScheduleRoomPage() {
  return <ScheduleRoomScreen />;
}
