import { PeopleSearch } from "@/features/admin/people-search";

export default function AdminPeoplePage() {
  return <PeopleSearch />;
}
