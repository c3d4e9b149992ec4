#!/usr/bin/env bash
# Rewrites the key table in README.md from the keymap (`yufang keys --markdown`); a test checks they agree.
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(cargo run -q -- keys --markdown)
python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1].rstrip("\n")
text = open("README.md", encoding="utf-8").read()
new = re.sub(r"\| where \| keys \| does \| 作用 \|\n(?:\|.*\|\n)+", table + "\n", text, count=1)
open("README.md", "w", encoding="utf-8").write(new)
PY
