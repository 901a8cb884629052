#!/usr/bin/env python3
"""Times pycocotools on a GT/results pair: load, evaluate, accumulate, summarize.

  pycocotools_time.py GT.json DT.json [--repeat 3]

Prints one JSON line with the median seconds of each phase and the stats of the last run.
"""
import argparse
import contextlib
import io
import json
import statistics
import time

from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gt")
    ap.add_argument("dt")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    runs = {"load_s": [], "evaluate_s": [], "accumulate_s": [], "summarize_s": [], "total_s": []}
    stats = None
    for _ in range(a.repeat):
        with contextlib.redirect_stdout(io.StringIO()):
            t0 = time.perf_counter()
            gt = COCO(a.gt)
            dt = gt.loadRes(a.dt)
            t1 = time.perf_counter()
            ev = COCOeval(gt, dt, "bbox")
            ev.evaluate()
            t2 = time.perf_counter()
            ev.accumulate()
            t3 = time.perf_counter()
            ev.summarize()
            t4 = time.perf_counter()
        for k, v in zip(runs, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            runs[k].append(v)
        stats = [float(s) for s in ev.stats]
    out = {k: round(statistics.median(v), 4) for k, v in runs.items()}
    out["eval_s"] = round(statistics.median([e + c + s for e, c, s in
                                             zip(runs["evaluate_s"], runs["accumulate_s"], runs["summarize_s"])]), 4)
    out["repeat"] = a.repeat
    out["stats"] = stats
    print(json.dumps(out))


if __name__ == "__main__":
    main()
