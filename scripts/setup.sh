#!/usr/bin/env bash
# First command of the quickstart (with `npm start`): installs dependencies, starts MariaDB, Redis and a
# local PowerDNS (scripts/stack.sh), writes .env if there is none, builds the apps, migrates the database.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Installing npm dependencies (npm ci)"
npm ci --no-audit --no-fund

step "Starting the local stack (MariaDB, Redis, PowerDNS)"
bash scripts/stack.sh up

step "Building the API, the worker and the CLI"
npm run build

step "Applying database migrations"
node bin/scaidns migrate

printf '\nSetup done. Start ScaiDNS with: npm start\n'
