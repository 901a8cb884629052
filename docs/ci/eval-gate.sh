#!/usr/bin/env bash
# eval-gate.sh: evaluates a trained model on a VOC-format subset and fails the build below a bound.
# Run from the sedet checkout (or set SEDET to its launcher). Settings, from the environment:
#   MODEL      the model to gate (model.sedet or a checkpoint)                 required
#   VOC_ROOT   a folder with Annotations/, JPEGImages/ and ImageSets/Main/     required
#   IMAGE_SET  the image set evaluated, ImageSets/Main/$IMAGE_SET.txt          default test
#   METRIC     voc12 (area under the curve, VOC2010+) or voc07 (11-point)      default voc12
#   MIN_MAP    the bound on mAP                                                default 0.5
#   REPORT     the JUnit XML file CI systems display                           default eval-junit.xml
#   SEDET      the sedet launcher                                              default ./sedet
# Exit status: 0 at or above the bound, 3 below it (after printing the metrics and writing the
# report), 2 for bad input (a missing file, an unknown class, a model of other classes), 1 otherwise.
set -euo pipefail
: "${MODEL:?set MODEL to the model file}" "${VOC_ROOT:?set VOC_ROOT to the VOC-format folder}"
exec "${SEDET:-./sedet}" eval model --model "$MODEL" --data "voc:$VOC_ROOT" \
    --image-set "${IMAGE_SET:-test}" --metric "${METRIC:-voc12}" \
    --fail-under "mAP=${MIN_MAP:-0.5}" --junit "${REPORT:-eval-junit.xml}"
