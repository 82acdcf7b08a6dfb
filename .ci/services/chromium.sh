#!/usr/bin/env bash
# Chromium for the browser tests (gateway/ui/*.browser.test.ts): makes sure Debian's
# `chromium` package is installed and prints the path of the browser binary on
# its last line. It starts nothing: each test file launches its own headless
# Chromium through playwright-core (no browser download from the internet).
#
#   bash .ci/services/chromium.sh        # install when missing, print /usr/bin/chromium
#
# Recommends are not installed; fonts-wqy-zenhei (16 MB) comes along so Chinese
# text renders in the screenshots the tests save (test-artifacts/).
# .ci/test.sh exports KEFU_TEST_CHROMIUM_BIN from the last line of output. The
# browser tests fail (they never skip) when that binary (default /usr/bin/chromium)
# is missing, and their error names this script.
set -euo pipefail
bin=/usr/bin/chromium

install() {
  [ -x "$bin" ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && return
  echo "chromium or its CJK font not found: installing Debian's chromium and fonts-wqy-zenhei (no recommends)" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei >&2
}

install
if [ ! -x "$bin" ]; then
  echo "$bin is still missing after installing Debian's chromium" >&2
  exit 1
fi
echo "$bin"
