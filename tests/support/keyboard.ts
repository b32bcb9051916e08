import type { Page } from "playwright-core";

/** The accessible-ish name of the focused element: its aria-label, else its text. */
export async function focusedName(page: Page): Promise<string> {
  const name = await page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "";
    return (active.getAttribute("aria-label") ?? active.textContent ?? "").replace(/\s+/g, " ").trim();
  });
  return name;
}

/**
 * Presses `key` (Tab or Shift+Tab) until the focused element's name matches, the way a keyboard
 * user walks a page; fails with the names passed on the way when it is not reachable.
 */
export async function pressUntilFocused(
  page: Page,
  key: "Tab" | "Shift+Tab",
  name: RegExp,
  limit = 80,
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
  }
  throw new Error(`${name} not reached with ${key} after ${limit} presses; passed: ${seen.join(" | ")}`);
}
