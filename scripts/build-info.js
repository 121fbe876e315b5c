#!/usr/bin/env node
// Part of `npm run build`: records the commit the apps were built from in dist/build-info.json, which
// `GET /api/v1/version` and `scaidns --version` report. Outside a git checkout the commit is "unknown".
const { execFileSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .toString()
    .trim();
} catch {
  // not a git checkout (a release tarball): keep "unknown"
}
const dist = join(__dirname, '..', 'dist');
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'build-info.json'), `${JSON.stringify({ commit }, null, 2)}\n`);
