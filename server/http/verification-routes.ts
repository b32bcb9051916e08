import {
  fail,
  ok,
  verificationRejectSchema,
  verificationSubmitSchema,
  type Ack,
} from "../../src/shared/protocol";
import type { VerificationService } from "../moderation/verification-service";
import { RoomError } from "../rooms/room-ports";
import { defineRoute, type Route } from "./api-router";
import { defineStaffRoute } from "./staff-route";

async function answer<T>(work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof RoomError) return fail(error.code, error.message);
    throw error;
  }
}

/** A person's own verification (settings) and the staff queue (console). */
export function verificationRoutes(verification: VerificationService): Route[] {
  return [
    defineRoute("GET", "/api/settings/verification", null, async ({ user }) => {
      if (!user) return fail("unauthorized", "Sign in first.");
      return answer(() => verification.mine(user.id));
    }),

    defineRoute("POST", "/api/settings/verification", verificationSubmitSchema, async ({ user, body }) => {
      if (!user) return fail("unauthorized", "Sign in first.");
      if (!body) return fail("invalid_input", "Enter your full legal name.");
      return answer(() => verification.submit(user.id, body.legalName));
    }),

    defineStaffRoute("GET", "/api/admin/verification", null, async () =>
      answer(async () => ({ pending: await verification.queue() })),
    ),

    defineStaffRoute("POST", "/api/admin/verification/:id/approve", null, async ({ params, staff }) =>
      answer(async () => {
        await verification.approve(staff.user.id, params.id ?? "");
        return {};
      }),
    ),

    defineStaffRoute(
      "POST",
      "/api/admin/verification/:id/reject",
      verificationRejectSchema,
      async ({ params, staff, body }) => {
        if (!body) return fail("invalid_input", "Say why, so they can fix it.");
        return answer(async () => {
          await verification.reject(staff.user.id, params.id ?? "", body.reason);
          return {};
        });
      },
    ),
  ];
}
