import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl finds its per-request configuration (locale and messages) here.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // mediasoup holds the worker processes and PGlite owns its data folder: both must be the one copy
  // the custom server loaded, never a second bundled copy (see docs/ARCHITECTURE.md).
  serverExternalPackages: ["mediasoup", "@electric-sql/pglite", "pglite-prisma-adapter", "pino"],
  reactStrictMode: true,
  // Lets two builds coexist on one machine (e.g. a test run beside a dev server); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
