import { LiveRoomsScreen } from "@/features/admin/live-rooms-screen";

export default function AdminLiveRoomsPage() {
  return <LiveRoomsScreen />;
}
