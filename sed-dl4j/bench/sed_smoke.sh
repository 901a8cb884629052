#!/usr/bin/env bash
# Real-file smoke of SED on the two small real datasets beside the repository: voc-mini (20% of
# trainval labeled, the rest unlabeled) and coco-mini (20% labeled), 300 iterations each with a
# small detector (ResNet-18 at 1/4 width, 256x256 canvas, burn-in 100), then `eval model`,
# `predict` and `report` of the teacher. Quality is not the point (a few dozen labeled images); every stage
# of a real-data SED run is: decoding, split, views, teacher, distillation, checkpoints,
# evaluation, prediction, the report with both diagnostics.
#   bash sed-dl4j/bench/sed_smoke.sh [OUT]        (default OUT: runs/sed-smoke)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="${1:-runs/sed-smoke}"
S=../shared/datasets
SMALL=(--batch 4 --set model.depth=18 --set model.width=0.25 --set model.fpnChannels=64 --set model.headConvs=2
       --set input.height=256 --set input.width=256 --set optimizer.kind=ADAMW --set optimizer.lr=0.002
       --set optimizer.weightDecay=0.05 --set schedule.kind=COSINE --set schedule.warmupIters=50
       --set semi.burnIn=100 --set semi.teacherMomentum=0.99 --set logEvery=50 --set checkpointEvery=100
       --set evalEvery=300)
rm -rf "$OUT"
mkdir -p "$OUT"
./sedet train --preset voc-r18 --data "voc:$S/voc-mini/VOC2012" --method sed --labeled 0.2 --iterations 300 \
  --out "$OUT/voc" "${SMALL[@]}"
./sedet eval model --model "$OUT/voc/model.sedet" --data "voc:$S/voc-mini/VOC2012"
./sedet predict --model "$OUT/voc/model.sedet" --images "$S/voc-mini/VOC2012/JPEGImages" --out "$OUT/voc-predictions"
echo "voc: $(ls "$OUT/voc-predictions" | grep -c png) drawings"
./sedet report "$OUT/voc" --diagnostics 30
./sedet train --preset coco-r50 --data "coco:$S/coco-mini/annotations/instances.json,$S/coco-mini/images" \
  --method sed --labeled 0.2 --iterations 300 --out "$OUT/coco" "${SMALL[@]}"
./sedet predict --model "$OUT/coco/model.sedet" --images "$S/coco-mini/images" --out "$OUT/coco-predictions"
echo "coco: $(ls "$OUT/coco-predictions" | grep -c png) drawings"
./sedet report "$OUT/coco" --diagnostics 30
