#!/usr/bin/env bash
# Runs the API and the worker together in the foreground; Ctrl-C or SIGTERM stops both gracefully.
#
# In development (ENVIRONMENT=development) with SCAIKEY_URL empty it first runs the ScaiKey stand-in
# (test/support/scaikey/dev-server.ts, through ts-node: a dev dependency) and points both apps at it;
# once the API answers, it signs the stand-in's dev user in, makes them platform_admin (as
# `scaidns assign-admin` does), creates an API key for them (`scaidns create-api-key`; an earlier
# start's key is kept while it works), prints both and writes them to
# $SCAIDNS_STATE_DIR/dev-credentials.env (default .state/). Never in staging/production.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/apps/api/main.js ] || [ ! -f dist/apps/worker/main.js ] || [ ! -f dist/apps/cli/main.js ]; then
  echo "start: building the apps first (npm run build)"
  npm run build
fi

# A setting as the apps will see it: the environment first, then .env (or ENV_FILE), like loadEnvFile.
setting() {
  node -e '
    const { existsSync, readFileSync } = require("node:fs");
    const file = require("node:path").resolve(process.env.ENV_FILE ?? ".env");
    const values = existsSync(file) ? require("dotenv").parse(readFileSync(file)) : {};
    process.stdout.write(process.env[process.argv[1]] ?? values[process.argv[1]] ?? process.argv[2] ?? "");
  ' "$@"
}

api="" worker="" standin="" onboard=""

stop() {
  trap - TERM INT
  if [ -n "$onboard" ]; then
    pkill -TERM -P "$onboard" 2>/dev/null || true
    kill -TERM "$onboard" 2>/dev/null || true
  fi
  local pids=()
  for pid in "$api" "$worker" "$standin"; do [ -n "$pid" ] && pids+=("$pid"); done
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop; exit 0' TERM INT

environment=$(setting ENVIRONMENT production | tr '[:upper:]' '[:lower:]' | xargs)
dev_identity=false
if [ "$environment" = development ] && [ -z "$(setting SCAIKEY_URL | xargs)" ]; then
  dev_identity=true
fi

if $dev_identity; then
  if [ ! -x node_modules/.bin/ts-node ]; then
    echo "start: SCAIKEY_URL is empty and ts-node (a dev dependency) is missing: run npm ci, or set SCAIKEY_URL" >&2
    exit 1
  fi
  state_dir=${SCAIDNS_STATE_DIR:-.state}
  mkdir -p "$state_dir"
  standin_env="$state_dir/scaikey-dev.env"
  rm -f "$standin_env"
  echo "start: SCAIKEY_URL is empty (development): running the ScaiKey stand-in"
  # The web UI signs in at <origin>/oauth/callback: the API's own port, and Vite's (npm run dev:web).
  api_port=$(setting PORT 8000)
  redirect_uris=${SCAIKEY_DEV_REDIRECT_URIS:-http://127.0.0.1:$api_port/oauth/callback,http://localhost:$api_port/oauth/callback,http://127.0.0.1:5173/oauth/callback,http://localhost:5173/oauth/callback}
  SCAIKEY_DEV_PORT=${SCAIKEY_DEV_PORT:-0} SCAIKEY_DEV_ENV_OUT="$standin_env" SCAIKEY_DEV_REDIRECT_URIS="$redirect_uris" \
    node_modules/.bin/ts-node -r tsconfig-paths/register --transpile-only test/support/scaikey/dev-server.ts &
  standin=$!
  for _ in $(seq 1 300); do
    [ -f "$standin_env" ] && break
    if ! kill -0 "$standin" 2>/dev/null; then
      echo "start: the ScaiKey stand-in exited before it listened" >&2
      exit 1
    fi
    sleep 0.2
  done
  if [ ! -f "$standin_env" ]; then
    echo "start: the ScaiKey stand-in did not start in 60 s" >&2
    stop
    exit 1
  fi
  set -a
  # shellcheck disable=SC1090
  source "$standin_env"
  set +a
  export -n SCAIKEY_DEV_TOKEN SCAIKEY_DEV_USER_EMAIL SCAIKEY_DEV_TENANT_ID
fi

node dist/apps/api/main.js &
api=$!
node dist/apps/worker/main.js &
worker=$!

# The dev user: signed in (their first token creates them), platform_admin (which holds
# domains:validation_bypass: zones are active at once), and an API key; printed and written down.
onboard_dev_user() {
  local base="http://127.0.0.1:$(setting PORT 8000)/api/v1" cli=(node dist/apps/cli/main.js)
  local token=$SCAIKEY_DEV_TOKEN email=$SCAIKEY_DEV_USER_EMAIL tenant=$SCAIKEY_DEV_TENANT_ID
  local i key file="$state_dir/dev-credentials.env"
  for i in $(seq 1 300); do
    curl -sf --max-time 5 -o /dev/null "$base/health/live" && break
    sleep 0.2
  done
  echo "start: the API answers at $base; signing in the dev user $email"
  curl -sf --max-time 30 -o /dev/null -H "Authorization: Bearer $token" "$base/auth/me" ||
    { echo "start: the API at $base did not sign the dev user in" >&2; return 1; }
  timeout 60 "${cli[@]}" assign-admin --user-email "$email" --tenant-id "$tenant" ||
    { echo "start: scaidns assign-admin failed or did not finish in 60 s" >&2; return 1; }
  # The key of an earlier start is kept while it still signs the dev user in (one key, not one per start).
  key=$(sed -n 's/^export SCAIDNS_API_KEY=//p' "$file" 2>/dev/null || true)
  if [ -n "$key" ] && curl -sf --max-time 30 -H "X-API-Key: $key" "$base/auth/me" | grep -qF "\"$email\""; then
    echo "start: keeping the dev API key of $file"
  else
    key=$(timeout 60 "${cli[@]}" create-api-key --user-email "$email" --tenant-id "$tenant" --name "dev (npm start)") ||
      { echo "start: could not create the dev API key (scaidns create-api-key failed or took over 60 s)" >&2; return 1; }
    key=$(tail -n 1 <<<"$key")
  fi
  (
    umask 077
    cat >"$file.tmp" <<CREDENTIALS
# Written by npm start (development, ScaiKey stand-in): $email, platform_admin. Token valid 12 h.
export SCAIDNS_URL=$base
export SCAIDNS_TOKEN=$token
export SCAIDNS_API_KEY=$key
CREDENTIALS
    mv "$file.tmp" "$file"
  )
  cat <<READY
start: signed in $email (tenant $tenant) as platform_admin with validation bypass
  Authorization: Bearer $token
  X-API-Key: $key
start: both are in $file (source it: \$SCAIDNS_URL, \$SCAIDNS_TOKEN, \$SCAIDNS_API_KEY)
READY
}

if $dev_identity; then
  { onboard_dev_user || echo "start: the dev user is not set up (see above); the apps keep running" >&2; } &
  onboard=$!
fi

# Whichever process ends first takes the others down with it.
set +e
wait -n "$api" "$worker" ${standin:+"$standin"}
status=$?
set -e
echo "start: a process exited (status $status); stopping the others"
stop
exit "$status"
