import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The `<link>` chunk of a "Sign in to …" message: a link to sign-in that comes back to `returnTo`
 * afterwards (`returnTo` is one of our own paths). Used as `t.rich("signInTo", { link: signInLinkTo("/invites") })`.
 */
export function signInLinkTo(returnTo: string) {
  function SignInLink(chunks: ReactNode) {
    return (
      <Link href={`/signin?next=${returnTo}`} className="font-semibold text-accent hover:underline">
        {chunks}
      </Link>
    );
  }
  return SignInLink;
}
