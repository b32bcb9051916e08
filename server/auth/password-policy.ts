import { COMMON_PASSWORDS } from "./common-passwords";

/**
 * Rules beyond the length the protocol schema checks: a password must not be (or contain) the
 * username, nor be a well-known password. Returns a message for people, or null when it is fine.
 */
export function passwordProblem(password: string, username: string): string | null {
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) return "Your password must not contain your username.";
  if (COMMON_PASSWORDS.has(lower))
    return "That password is one of the most common ones; pick something less guessable.";
  if (new Set(lower).size <= 2)
    return "That password repeats too few characters; pick something less guessable.";
  return null;
}
