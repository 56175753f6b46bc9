#!/usr/bin/env node
// Adds to package-lock.json the platform-specific optional packages npm left out (e.g. @swc/core-darwin-arm64
// when locking on Linux against a registry that serves only this platform's builds). Without them `npm ci`
// calls the lockfile out of sync; with them, every platform's `npm ci` installs its own build and skips the rest.
// Run after `npm install` changes the lockfile: `node scripts/lockfile-foreign-optionals.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'android',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];

/** os/cpu/libc from a platform package's name, e.g. "core-linux-arm64-musl" → linux, arm64, musl. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os =
    parts.find((p) => OS.includes(p)) ??
    (parts.includes('win') || parts.includes('windows') ? 'win32' : undefined);
  const cpu =
    parts.find((p) => CPU.includes(p)) ??
    (parts.includes('x86_64') ? 'x64' : parts.includes('aarch64') ? 'arm64' : undefined);
  const libc =
    parts.includes('musl') || parts.some((p) => p.startsWith('musleabi'))
      ? 'musl'
      : parts.includes('gnu') || parts.some((p) => p.startsWith('gnueabi'))
        ? 'glibc'
        : undefined;
  return os && cpu ? { os, cpu, libc } : null;
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const [location, pkg] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    if (lock.packages[`${base}node_modules/${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    const version = String(range).replace(/^[\^~=]/, '');
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const entry = { version, license: pkg.license, optional: true, os: [platform.os], cpu: [platform.cpu] };
    if (platform.libc) entry.libc = [platform.libc];
    if (pkg.dev) entry.dev = true;
    lock.packages[`node_modules/${dep}`] = entry;
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: ${added} platform-specific optional packages recorded`);
