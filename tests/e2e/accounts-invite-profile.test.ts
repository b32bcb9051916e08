import { describe, expect, it } from "vitest";
import { e2eSuite } from "../support/e2e-suite";
import { newContext, screenshot } from "../support/browser";
import { fillSignUp } from "../support/e2e-flows";
import { gradientPng } from "../support/png";

// Invite-only, as a real community would run it.
// The operator named the admin account before the first start (ADMIN_USERNAME).
const suite = e2eSuite({ env: { REGISTRATION_MODE: "invite", ADMIN_USERNAME: "iris" } });

describe("[ACCT-E2E] invite-only onboarding, profile and follows, in a real browser", () => {
  it("a newcomer joins by invite link, sets a bio and picture, follows the inviter, who sees the follower", async () => {
    // The operator signs up as ADMIN_USERNAME without an invite and becomes admin.
    const inviter = await (await newContext(suite.browser)).newPage();
    await inviter.goto(`${suite.app.url}/signup`);
    await inviter.getByRole("button", { name: "Create the admin account" }).click();
    await fillSignUp(inviter, {
      name: "Iris Inviter",
      username: "iris",
      password: "violet sunrise over the bay",
    });
    await inviter.getByRole("button", { name: "Create account", exact: true }).click();
    await inviter.waitForURL(`${suite.app.url}/`);
    await inviter.getByRole("link", { name: "Invites" }).click();
    await inviter.getByRole("button", { name: "New invite link" }).click();
    const linkText = await inviter.getByTestId("invite-link").first().textContent({ timeout: 10_000 });
    const inviteUrl = (linkText ?? "").trim();
    expect(inviteUrl).toMatch(new RegExp(`^${suite.app.url}/invite/[A-Za-z0-9_-]{24}$`));
    await expect
      .poll(() => inviter.getByTestId("invites-remaining").textContent())
      .toBe("4 of 5 invites left");

    // The newcomer opens the link: who invited them, then sign-up with the code applied.
    const context = await newContext(suite.browser);
    const newcomer = await context.newPage();
    await newcomer.goto(inviteUrl);
    await expect.poll(() => newcomer.getByText("You're invited by").count(), { timeout: 10_000 }).toBe(1);
    await screenshot(newcomer, "invite-landing-desktop");
    await newcomer.setViewportSize({ width: 390, height: 844 });
    await screenshot(newcomer, "invite-landing-phone");
    await newcomer.setViewportSize({ width: 1280, height: 860 });
    await newcomer.getByRole("link", { name: "Accept invite" }).click();
    await newcomer.waitForURL(/\/signup\?invite=/);
    await expect.poll(() => newcomer.getByText("Your invite is applied.").count()).toBe(1);
    await fillSignUp(newcomer, {
      name: "Noah Newcomer",
      username: "noah",
      password: "quiet trains at midnight",
    });
    await newcomer.getByRole("button", { name: "Create account", exact: true }).click();
    await newcomer.waitForURL(`${suite.app.url}/`);

    // Bio and picture.
    await newcomer.goto(`${suite.app.url}/settings/profile`);
    await newcomer.getByLabel("Bio").fill("Synth nerd. Late-night radio. Here for the music rooms.");
    await newcomer
      .getByLabel("Upload picture")
      .setInputFiles({ name: "me.png", mimeType: "image/png", buffer: gradientPng(96) });
    await expect.poll(() => newcomer.getByText("Picture updated.").count(), { timeout: 10_000 }).toBe(1);
    await newcomer.getByRole("button", { name: "Save profile" }).click();
    await expect.poll(() => newcomer.getByText("Saved.").count()).toBe(1);
    await screenshot(newcomer, "profile-settings-desktop");
    await newcomer.setViewportSize({ width: 390, height: 844 });
    await screenshot(newcomer, "profile-settings-phone");
    await newcomer.setViewportSize({ width: 1280, height: 860 });

    // Follow the inviter from their profile.
    await newcomer.goto(`${suite.app.url}/u/iris`);
    await newcomer.getByRole("button", { name: "Follow", exact: true }).click();
    await expect.poll(() => newcomer.getByRole("button", { name: "Following" }).count()).toBe(1);

    // The newcomer's own profile: picture, bio, invited by.
    await newcomer.goto(`${suite.app.url}/u/noah`);
    await expect.poll(() => newcomer.getByTestId("bio").textContent()).toContain("Synth nerd");
    await expect.poll(() => newcomer.getByText("invited by").count()).toBe(1);
    await expect.poll(() => newcomer.getByText("No followers yet.").count()).toBe(1);
    const avatarSrc = await newcomer
      .getByRole("region", { name: "Profile" })
      .locator("img")
      .first()
      .getAttribute("src");
    // Re-encoded on upload (SEC-13): a WebP without the original metadata.
    expect(avatarSrc).toMatch(/^\/avatars\/.+\.webp$/);
    await screenshot(newcomer, "profile-newcomer-desktop");
    await newcomer.setViewportSize({ width: 390, height: 844 });
    await screenshot(newcomer, "profile-newcomer-phone");

    // The inviter sees the new follower, and who joined with their invite.
    await inviter.goto(`${suite.app.url}/u/iris`);
    await expect
      .poll(() => inviter.getByTestId("followers-count").textContent(), { timeout: 10_000 })
      .toBe("1");
    await expect
      .poll(() => inviter.getByTestId("person").filter({ hasText: "Noah Newcomer" }).count())
      .toBe(1);
    await screenshot(inviter, "profile-inviter-desktop");
    await inviter.setViewportSize({ width: 390, height: 844 });
    await screenshot(inviter, "profile-inviter-phone");
    await inviter.setViewportSize({ width: 1280, height: 860 });
    await inviter.goto(`${suite.app.url}/invites`);
    await expect
      .poll(() => inviter.getByText("@noah joined with this invite").count(), { timeout: 10_000 })
      .toBe(1);
    await inviter.getByRole("button", { name: "New invite link" }).click();
    await expect.poll(() => inviter.getByTestId("invite").count()).toBe(2);
    await screenshot(inviter, "invites-desktop");
    await inviter.setViewportSize({ width: 390, height: 844 });
    await screenshot(inviter, "invites-phone");

    // A used link gets a clear page, not a crash.
    const stranger = await (await newContext(suite.browser)).newPage();
    await stranger.goto(inviteUrl);
    await expect
      .poll(() => stranger.getByText("This invite has been used").count(), { timeout: 10_000 })
      .toBe(1);
    await stranger.goto(`${suite.app.url}/invite/not-a-real-code`);
    await expect
      .poll(() => stranger.getByText("We don't recognise this invite").count(), { timeout: 10_000 })
      .toBe(1);
    await stranger.setViewportSize({ width: 390, height: 844 });
    await screenshot(stranger, "invite-unknown-phone");

    const visitor = await (await newContext(suite.browser, { width: 390, height: 844 })).newPage();
    await visitor.goto(suite.app.url);
    await visitor.getByRole("tab", { name: "Create account" }).click();
    await expect.poll(() => visitor.getByText("Joining is by invitation.").count()).toBe(1);
    await screenshot(visitor, "home-signed-out-phone");

    // Sign-in page works with the account just made (the sign-out link in the header first).
    await newcomer.setViewportSize({ width: 1280, height: 860 });
    await newcomer.getByRole("button", { name: "Sign out" }).click();
    await newcomer.waitForURL(`${suite.app.url}/`);
    await newcomer.goto(`${suite.app.url}/signin`);
    await newcomer.getByLabel("Username").fill("NOAH");
    await newcomer.getByLabel("Password").fill("quiet trains at midnight");
    await newcomer.getByRole("button", { name: "Sign in", exact: true }).click();
    await newcomer.waitForURL(`${suite.app.url}/`);
    await expect.poll(() => newcomer.getByRole("link", { name: "Your profile" }).count()).toBe(1);
    await screenshot(newcomer, "home-signed-in-desktop");
  });
});
