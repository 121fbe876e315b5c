#!/usr/bin/env bash
# Runs the API and the worker together in the foreground; Ctrl-C or SIGTERM stops both gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/apps/api/main.js ] || [ ! -f dist/apps/worker/main.js ]; then
  echo "start: building the apps first (npm run build)"
  npm run build
fi

node dist/apps/api/main.js &
api=$!
node dist/apps/worker/main.js &
worker=$!

stop() {
  trap - TERM INT
  kill -TERM "$api" "$worker" 2>/dev/null || true
  wait "$api" "$worker" 2>/dev/null || true
}
trap 'stop; exit 0' TERM INT

# Whichever process ends first takes the other one down with it.
set +e
wait -n "$api" "$worker"
status=$?
set -e
echo "start: a process exited (status $status); stopping the other one"
stop
exit "$status"
