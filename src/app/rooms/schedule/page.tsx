import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ScheduleRoomScreen } from "@/features/scheduling/schedule-room-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scheduling.form");
  return { title: t("title") };
}

export default function ScheduleRoomPage() {
  return <ScheduleRoomScreen />;
}
