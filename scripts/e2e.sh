#!/usr/bin/env bash
# End-to-end suite: the packed package in a real, pinned n8n against the local simulator, plus
# the editor in Chromium. Installs what it needs on first use: n8n (outside the repo) and Debian's
# chromium. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/n8n-host.sh > /dev/null || exit 1
# Chromium for the editor checks, and a Chinese font so that product and customer names render.
if [ "${ECTICKET_E2E_BROWSER:-1}" != 0 ] && { [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; }; then
	echo "e2e: installing Debian's chromium and fonts-wqy-zenhei for the editor checks" >&2
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei) > /dev/null || exit 1
fi
exec node e2e/run.js "$@"
