import { SignUpScreen } from "@/features/accounts/auth-screens";

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ invite?: string | string[]; next?: string | string[] }>;
}) {
  const { invite, next } = await searchParams;
  return (
    <SignUpScreen
      invite={typeof invite === "string" ? invite : undefined}
      next={typeof next === "string" ? next : undefined}
    />
  );
}
