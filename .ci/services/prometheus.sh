#!/usr/bin/env bash
# Prometheus for the dashboard tests (gateway/observability/dashboards.test.ts):
# makes sure Debian's `prometheus` package (which also ships `promtool`) is
# installed and prints the path of the prometheus binary on its last line. It
# starts nothing: each test runs its own Prometheus on 127.0.0.1 and a free port,
# with a temporary config and storage directory.
#
#   bash .ci/services/prometheus.sh        # install when missing, print /usr/bin/prometheus
#
# The package's postinst would start a system Prometheus listening on 0.0.0.0:9090.
# It must not: during the install a policy-rc.d that answers 101 ("action
# forbidden") stops invoke-rc.d from starting it (an existing policy-rc.d is left
# as it is; one this script wrote is removed afterwards). Recommends are not
# installed, so prometheus-node-exporter (0.0.0.0:9100) does not come along.
# Should a service have started anyway (a host with systemd), it is stopped and
# disabled, so nothing is left listening.
#
# .ci/test.sh exports KEFU_TEST_PROMETHEUS_BIN from the last line of output.
set -euo pipefail
bin=/usr/bin/prometheus

install() {
  [ -x "$bin" ] && [ -x /usr/bin/promtool ] && return
  echo "prometheus not found: installing Debian's prometheus (no recommends, no service start)" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  local policy=/usr/sbin/policy-rc.d wrote=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# written by kefu .ci/services/prometheus.sh during an install\nexit 101\n' |
      $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    wrote=1
  fi
  local status=0
  {
    $sudo apt-get update -qq >&2 &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >&2
  } || status=$?
  [ -n "$wrote" ] && $sudo rm -f "$policy"
  [ "$status" -eq 0 ] || exit "$status"
  # Belt and braces: if a service manager started the packaged service, stop it.
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now prometheus.service >&2 2>/dev/null || true
  fi
  if [ -x /etc/init.d/prometheus ]; then
    $sudo /etc/init.d/prometheus stop >&2 2>/dev/null || true
  fi
}

install
if [ ! -x "$bin" ] || [ ! -x /usr/bin/promtool ]; then
  echo "$bin or /usr/bin/promtool is still missing after installing Debian's prometheus" >&2
  exit 1
fi
echo "$bin"
