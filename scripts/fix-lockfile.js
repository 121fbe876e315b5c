// Run after every `npm install` that changes package-lock.json: `npm run lockfile:fix`.
//
// The npm registry reachable here serves only this platform's builds of packages with per-platform
// optional dependencies (unrs-resolver, msgpackr-extract), so npm leaves the other platforms' entries
// out of the lock file, and `npm ci` then refuses the lock as out of sync. Adding those entries back
// as optional, with their exact versions, satisfies `npm ci`; it skips them as it would on any other
// platform.
const { readFileSync, writeFileSync } = require('node:fs');

const file = 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
if (added > 0) writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile:fix: added ${added} optional entr${added === 1 ? 'y' : 'ies'} for other platforms`);
