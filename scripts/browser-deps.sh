#!/usr/bin/env bash
# Browser tests need Debian's Chromium and axe-core from npm; installs what is missing.
# (Playwright's own browser download is not used: `playwright install` cannot reach its CDN.)
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium saknas: installerar med apt-get."
  apt_install chromium
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm saknas: installerar med apt-get."
    apt_install nodejs npm
  fi
  echo "axe-core saknas: installerar med npm ci (versionen i package-lock.json)."
  npm ci --no-audit --no-fund
fi
