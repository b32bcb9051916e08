import type { Page } from "playwright-core";

/**
 * Gets a browser page signed in as a new person named `name`, starting from whatever sign-in
 * form the current page shows. Every browser test signs in through here, so a change to the
 * sign-in flow changes one place.
 */
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Continue" }).click();
}
