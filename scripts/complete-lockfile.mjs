// npm 11 leaves out of package-lock.json the platform packages of optional dependencies that its registry
// cannot serve (npm/cli#9846), and `npm ci` then refuses the lock file. This adds a version-only entry for each
// one, marked optional, so `npm ci` skips them as it would any optional package it cannot install.
// Run it after every `npm install` that changes dependencies: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (packages[`node_modules/${name}`] || packages[`${path}/node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = { version, ...(entry.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} missing optional platform entries added`);
