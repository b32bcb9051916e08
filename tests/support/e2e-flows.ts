import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";

/**
 * Gets a browser page signed in as a new person named `name`, starting from whatever sign-in
 * card the current page shows (home page, or a room page when signed out): it creates a real
 * account through the "Create account" tab. Needs sign-up open to anyone (the e2e server runs
 * with REGISTRATION_MODE=open). Every browser test signs in through
 * here, so a change to the sign-in flow changes one place. Returns the account's credentials.
 */
export async function signInAs(page: Page, name: string): Promise<{ username: string; password: string }> {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 12) || "user";
  const username = `${base}_${randomBytes(3).toString("hex")}`;
  const password = `e2e-${randomBytes(9).toString("base64url")}`;
  await page.getByRole("tab", { name: "Create account" }).click();
  await fillSignUp(page, { name, username, password });
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await page.getByRole("tab", { name: "Create account" }).waitFor({ state: "detached" });
  return { username, password };
}

/** Fills the sign-up form shown on the page. */
export async function fillSignUp(
  page: Page,
  input: { name: string; username: string; password: string },
): Promise<void> {
  await page.getByLabel("Your name").fill(input.name);
  await page.getByLabel("Username").fill(input.username);
  await page.getByLabel("Password").fill(input.password);
}
