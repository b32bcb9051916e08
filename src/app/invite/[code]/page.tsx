import { InviteScreen } from "@/features/accounts/invite-screen";

export default async function InvitePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  // An invite made from a room ("invite someone to this room") brings the newcomer into it.
  const { room } = await searchParams;
  return <InviteScreen code={code} roomId={typeof room === "string" ? room : undefined} />;
}
