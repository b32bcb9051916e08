import { FiltersScreen } from "@/features/admin/filters-screen";

export default function AdminFiltersPage() {
  return <FiltersScreen />;
}
