import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // mediasoup holds the worker processes and PGlite owns its data folder: both must be the one copy
  // the custom server loaded, never a second bundled copy (see docs/ARCHITECTURE.md).
  serverExternalPackages: ["mediasoup", "@electric-sql/pglite", "pglite-prisma-adapter", "pino"],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
