import type { Logger } from "../logging/logger";
import type { AccountStore } from "./account-ports";
import type { FirstAdminRule } from "./first-admin";

/**
 * The explicit first-run step: while the server has no admin, its log (read only by whoever runs
 * it) says how to create one, with ADMIN_USERNAME or with this start's one-time setup link. The
 * link's code is the only secret this server ever logs on purpose; it stops working once an admin
 * exists, and changes at every start.
 */
export async function announceFirstRun(input: {
  accounts: Pick<AccountStore, "hasAdmin">;
  firstAdmin: FirstAdminRule;
  publicOrigin: string;
  logger: Logger;
}): Promise<void> {
  try {
    if (await input.accounts.hasAdmin()) return;
    const setupUrl = `${input.publicOrigin}/signup?invite=${encodeURIComponent(input.firstAdmin.setupCode)}`;
    input.logger.warn(
      { setupUrl, adminUsername: input.firstAdmin.adminUsername ?? null },
      input.firstAdmin.adminUsername
        ? `no admin yet: sign up as "${input.firstAdmin.adminUsername}" (ADMIN_USERNAME), or open setupUrl, to create the admin account`
        : "no admin yet: open setupUrl to create the admin account (or set ADMIN_USERNAME and sign up with that name)",
    );
  } catch (error) {
    input.logger.warn({ err: error }, "could not check for an admin account");
  }
}
