#!/usr/bin/env bash
# COCO evaluation benchmark: sed-eval against pycocotools on the same files, in one run.
#   bash sed-eval/bench/coco_eval_bench.sh [IMAGES=5000] [DETS=100] [REPEAT=3]
# Needs python3 with venv; numpy and pycocotools are installed into target/bench-venv from the
# machine's Python package store. Prints both JSON lines and the speed-up.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGES="${1:-5000}"; DETS="${2:-100}"; REPEAT="${3:-3}"
DATA="$ROOT/target/bench-coco-$IMAGES-$DETS"
VENV="$ROOT/target/bench-venv"
cd "$ROOT"
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --retries 0 numpy pycocotools
fi
[[ -f "$DATA/dt.json" ]] || "$VENV/bin/python" sed-eval/bench/make_bench_data.py "$DATA" --images "$IMAGES" --dets "$DETS"
./sedet --version >/dev/null   # builds the jars if needed
CP="sed-dl4j/target/sed-dl4j.jar:sed-dl4j/target/lib/*"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
J=$(java -Xmx8g -cp "$CP" io.sedet.eval.bench.CocoEvalBench "$DATA/gt.json" "$DATA/dt.json" "$REPEAT")
P=$("$VENV/bin/python" sed-eval/bench/pycocotools_time.py "$DATA/gt.json" "$DATA/dt.json" --repeat "$REPEAT")
echo "sed-eval:    $J"
echo "pycocotools: $P"
"$VENV/bin/python" - "$J" "$P" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
d = max(abs(a - b) for a, b in zip(j["stats"], p["stats"]))
print("evaluate+accumulate+summarize: sed-eval %.2f s (first run %.2f s), pycocotools %.2f s -> %.1fx (first run %.1fx)"
      % (j["eval_s"], j["first_eval_s"], p["eval_s"], p["eval_s"] / j["eval_s"], p["eval_s"] / j["first_eval_s"]))
print("load + evaluate, end to end:   sed-eval %.2f s (first run %.2f s), pycocotools %.2f s -> %.1fx (first run %.1fx)"
      % (j["total_s"], j["first_load_s"] + j["first_eval_s"], p["total_s"], p["total_s"] / j["total_s"],
         p["total_s"] / (j["first_load_s"] + j["first_eval_s"])))
print("largest difference of the 12 stats: %.3g" % d)
PY
