#!/usr/bin/env bash
# Redraws the screens shown in README.md from the sample office (`yufang snapshot`), between their markers.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release
bin=target/release/yufang
today_en=$($bin --demo --today 2026-06-01 --lang en snapshot --pane today --width 100 --height 30)
today_zh=$($bin --demo --today 2026-06-01 --lang zh snapshot --pane today --width 100 --height 30)
calendar_en=$($bin --demo --today 2026-06-01 --lang en snapshot --pane calendar --width 100 --height 24)
stats_en=$($bin --demo --today 2026-06-01 --lang en snapshot --pane stats --width 80 --height 24)
python3 - "$today_en" "$today_zh" "$calendar_en" "$stats_en" <<'PY'
import re, sys
names = ["today en", "today zh", "calendar en", "stats en"]
text = open("README.md", encoding="utf-8").read()
for name, screen in zip(names, sys.argv[1:]):
    pattern = r"(<!-- screen " + re.escape(name) + r" -->\n```text\n).*?(```\n)"
    text = re.sub(pattern, lambda m: m.group(1) + screen.rstrip("\n") + "\n" + m.group(2), text, count=1, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
PY
