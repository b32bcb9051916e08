import { z } from "zod";

/**
 * In the browser, zod must never try `new Function`: the pages' Content-Security-Policy has no
 * 'unsafe-eval', and zod's one-time probe for it (caught, but still reported as a CSP violation)
 * would run as the first object schema is built. `jitless` skips the probe and its compiled fast
 * path; the server keeps the fast path. Imported first by this module's index, so it runs before
 * any schema here is built.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
