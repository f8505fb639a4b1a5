#!/usr/bin/env bash
# Everything on a fresh Debian machine, in one command: install what is missing, build liancha once
# (debug, the same build `swift test` then reuses), and run the demo with that binary.
#   scripts/demo.sh [DIR]      (default DIR: demo)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-demo}"

scripts/install-deps.sh
swift build --product liancha
bin="$(swift build --show-bin-path)/liancha"
"$bin" demo --output "$out" --fixtures fixtures
