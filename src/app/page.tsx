import { HomeScreen } from "@/features/hallway/home-screen";

export default function HomePage() {
  return <HomeScreen />;
}
