import { SignInScreen } from "@/features/accounts/auth-screens";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  return <SignInScreen next={typeof next === "string" ? next : undefined} />;
}
