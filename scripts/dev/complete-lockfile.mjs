#!/usr/bin/env node
// Completes package-lock.json with the optional, platform-specific packages of other platforms.
//
// Why: the npm registry mirror our machines use serves only the Linux x64 builds of packages like
// @next/swc-* and @tailwindcss/oxide-*. npm then leaves the other platforms' entries out of the
// lockfile, and `npm ci` refuses it ("Missing: @next/swc-darwin-arm64 from lock file"). A lockfile
// made against the full registry lists them with their os/cpu, and npm skips them on a platform
// they don't fit. This adds exactly those entries (name, version, os, cpu; optional) for every
// optional dependency that has none. Run it after changing dependencies: `node scripts/dev/complete-lockfile.mjs`.
import fs from "node:fs";

const LOCK = new URL("../../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(LOCK, "utf8"));

/** os and cpu of a platform package, from the naming convention these packages share. */
function platformOf(name) {
  const os = ["darwin", "win32", "linux", "freebsd", "android", "openbsd", "sunos", "aix", "netbsd"].find(
    (o) => name.includes(`-${o}-`),
  );
  const cpu = ["arm64", "x64", "ia32", "arm", "wasm32", "ppc64", "s390x", "riscv64", "loong64"].find((c) =>
    new RegExp(`-${c}(-|$)`).test(name),
  );
  if (!cpu) return null;
  return { ...(os ? { os: [os] } : {}), cpu: [cpu] };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[`${path}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
