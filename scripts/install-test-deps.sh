#!/usr/bin/env bash
# What `make test` needs beyond the Python packages: as root on Debian, Chromium for
# the browser journeys, fonts, HarfBuzz subsetting for WeasyPrint, poppler-utils and
# PostgreSQL (for the second full run of the suite) and Redis (the shared page cache's tests). Anything already there is skipped.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)

if [ ${#need[@]} -eq 0 ]; then
  echo "Test dependencies present (chromium, fonts, harfbuzz, poppler, postgresql, redis)."
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing: ${need[*]}. Install them with your package manager (Debian: apt-get install ${need[*]})." >&2
  exit 1
fi

echo "Installing ${need[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed ${need[*]}."
