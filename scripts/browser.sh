#!/usr/bin/env bash
# The browser the web UI's e2e test (test/web-ui.e2e-spec.ts) drives: Debian's chromium, through
# playwright-core, which downloads no browser of its own. `npm test` runs this before the tests.
# Installs chromium (and a font to render the pages with) when missing; refreshes the package lists
# only when apt does not know the package yet.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=${CHROMIUM_PATH:-/usr/bin/chromium}
packages=(chromium fonts-dejavu-core)

if [[ -x "$browser" ]]; then
  echo "browser: $browser"
  exit 0
fi
if ((EUID != 0)); then
  echo "browser: $browser is missing and this is not root: apt-get install ${packages[*]} (or set CHROMIUM_PATH)" >&2
  exit 1
fi

mkdir -p .state
log=.state/apt-browser.log
known() { apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; }
install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
}

echo "browser: installing ${packages[*]}"
{
  if ! known; then DEBIAN_FRONTEND=noninteractive apt-get update -qq; fi
  install
} >"$log" 2>&1 || {
  tail -n 20 "$log" >&2
  echo "browser: apt-get could not install ${packages[*]} (full log: $log)" >&2
  exit 1
}
if [[ ! -x "$browser" ]]; then
  echo "browser: chromium is installed but $browser is not there (set CHROMIUM_PATH)" >&2
  exit 1
fi
echo "browser: installed $("$browser" --version 2>/dev/null || echo chromium)"
