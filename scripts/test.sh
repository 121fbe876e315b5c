#!/usr/bin/env bash
# `npm test`: sets up what the tests need (dependencies, the local stack) and runs every check and test:
# format, lint, typecheck, layering, migrations vs entities, OpenAPI and typed-client freshness, unit
# and e2e tests (the web UI's in Debian's chromium, installed by scripts/browser.sh when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

if [ ! -d node_modules ]; then
  step "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

step "Starting the local stack (MariaDB, Redis, PowerDNS)"
bash scripts/stack.sh up

step "Format, lint, typecheck, layering"
npm run --silent format:check
npm run --silent lint
npm run --silent typecheck
npm run --silent check:layers

step "Build"
npm run --silent build

step "Entities and migrations agree"
bash scripts/check-migrations.sh

step "OpenAPI document is up to date"
mkdir -p .state
node dist/apps/api/main.js --write-openapi .state/openapi.check.json
node scripts/compare-json.js openapi.json .state/openapi.check.json

step "Typed API client (libs/api-client) is up to date with openapi.json"
node scripts/api-client.mjs --check

step "OpenAPI document passes Redocly's recommended rules"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint openapi.json --format=summary

step "A browser for the web UI's tests"
bash scripts/browser.sh

step "Unit and e2e tests"
npx jest --config jest.config.ts --selectProjects unit "$@"
# e2e suites share one PowerDNS (one of them stops it on purpose), so they run one at a time.
npx jest --config jest.config.ts --selectProjects e2e --runInBand "$@"
