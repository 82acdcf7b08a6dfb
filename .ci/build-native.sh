#!/usr/bin/env bash
# Builds the napi-rs addon (native/) in release mode. Cargo's output goes to
# CARGO_TARGET_DIR (default ~/.cache/kefu/target) so rebuilds are incremental
# even from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/../native"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kefu/target}"
if ! command -v cargo >/dev/null; then
  echo "cargo is not installed: install Rust (https://rustup.rs) to build the native addon" >&2
  exit 1
fi
../node_modules/.bin/napi build --platform --release
