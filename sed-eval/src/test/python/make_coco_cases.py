#!/usr/bin/env python3
"""Makes the COCO evaluation cases of sed-eval's tests and their expected values with pycocotools.

Each case is a folder under src/test/resources/coco-cases/<name>/ with
  gt.json        COCO instances (ground truth), or gt.ref: its path inside ../shared
  dt.json        COCO results (detections)
  expected.json  pycocotools' numbers: stats[12], the summary text it prints, recall[T,K,A,M], precision mean over R
                 [T,K,A,M], scores mean over R [T,K,A,M], per-category AP, and for small cases
                 the full precision[T,R,K,A,M] (all arrays flattened row-major)

Run from the repository root (needs numpy and pycocotools, e.g. in a venv):
  python3 sed-eval/src/test/python/make_coco_cases.py
The cases are deterministic (seeded); re-running rewrites identical files.
"""
import contextlib
import io
import json
import os
import sys

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "coco-cases")
SHARED_COCO = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "shared",
                           "datasets", "coco-mini", "annotations", "instances.json")


def evaluate(gt, dt):
    """Runs COCOeval; returns it and the text summarize() printed."""
    summary = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = json.loads(json.dumps(gt))
        coco_gt.createIndex()
        if dt:
            coco_dt = coco_gt.loadRes(json.loads(json.dumps(dt)))
        else:  # loadRes cannot take an empty list; an empty result set is built by hand
            coco_dt = COCO()
            coco_dt.dataset = {"images": gt["images"], "categories": gt["categories"], "annotations": []}
            coco_dt.createIndex()
        ev = COCOeval(coco_gt, coco_dt, "bbox")
        ev.evaluate()
        ev.accumulate()
    with contextlib.redirect_stdout(summary):
        ev.summarize()
    return ev, summary.getvalue()


def expected(ev, summary, full):
    prec = ev.eval["precision"]  # [T,R,K,A,M]
    scores = ev.eval["scores"]
    rec = ev.eval["recall"]      # [T,K,A,M]

    def mean_r(a):
        out = np.full(a.shape[:1] + a.shape[2:], -1.0)
        for idx in np.ndindex(*out.shape):
            col = a[(idx[0], slice(None)) + idx[1:]]
            if (col > -1).any():
                out[idx] = col.mean()  # a filled column has no -1 entries
        return out

    per_cat = {}
    for k, cat in enumerate(ev.params.catIds):
        s = prec[:, :, k, 0, -1]
        per_cat[str(cat)] = float(np.mean(s[s > -1])) if (s > -1).any() else -1.0
    out = {
        "stats": [float(x) for x in ev.stats],
        "summary": summary,
        "shape": list(prec.shape),
        "recall": rec.ravel().tolist(),
        "precisionMeanR": mean_r(prec).ravel().tolist(),
        "scoresMeanR": mean_r(scores).ravel().tolist(),
        "perCategoryAp": per_cat,
    }
    if full:
        out["precision"] = prec.ravel().tolist()
    return out


def write_case(name, gt, dt, full=False, gt_ref=None):
    """gt_ref: path of the ground truth relative to the shared/ folder, instead of a copy."""
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    ev, summary = evaluate(gt, dt)
    if gt_ref is None:
        with open(os.path.join(d, "gt.json"), "w") as f:
            json.dump(gt, f)
    else:
        with open(os.path.join(d, "gt.ref"), "w") as f:
            f.write(gt_ref + "\n")
    with open(os.path.join(d, "dt.json"), "w") as f:
        json.dump(dt, f)
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(expected(ev, summary, full), f)
    print(name, " ".join("%.4f" % s for s in ev.stats))


def cats(n):
    return [{"id": i + 1, "name": "c%d" % (i + 1)} for i in range(n)]


def images(n, w=640, h=480, start=1):
    return [{"id": start + i, "file_name": "%06d.jpg" % (start + i), "width": w, "height": h} for i in range(n)]


def ann(aid, img, cat, box, area=None, crowd=0):
    x, y, w, h = box
    return {"id": aid, "image_id": img, "category_id": cat, "bbox": [x, y, w, h],
            "area": float(w * h) if area is None else area, "iscrowd": crowd}


def det(img, cat, box, score):
    return {"image_id": img, "category_id": cat, "bbox": list(box), "score": score}


def case_hand():
    """Hand-checkable: 2 images, 2 categories, one duplicate, one miss, one wrong class."""
    gt = {"images": images(2), "categories": cats(2), "annotations": [
        ann(1, 1, 1, [10, 10, 100, 100]), ann(2, 1, 2, [200, 200, 50, 50]),
        ann(3, 2, 1, [0, 0, 20, 20])]}
    dt = [det(1, 1, [10, 10, 100, 100], 0.9), det(1, 1, [12, 12, 100, 100], 0.8),
          det(1, 2, [205, 205, 50, 50], 0.7), det(2, 2, [0, 0, 20, 20], 0.6)]
    write_case("hand", gt, dt, full=True)


def case_thresholds():
    """IoU exactly at thresholds (0.5, 0.75) and a detection overlapping two objects equally."""
    gt = {"images": images(3), "categories": cats(1), "annotations": [
        ann(1, 1, 1, [0, 0, 10, 10]),
        ann(2, 2, 1, [0, 0, 20, 10]), ann(3, 2, 1, [0, 0, 10, 20]),
        ann(4, 3, 1, [0, 0, 30, 10])]}
    dt = [det(1, 1, [0, 0, 10, 20], 0.9),   # IoU 0.5 exactly
          det(2, 1, [0, 0, 10, 10], 0.9),   # IoU 0.5 with both objects: the later one wins
          det(2, 1, [0, 0, 10, 20], 0.8),   # IoU 1 with the object taken above
          det(3, 1, [0, 0, 40, 10], 0.7)]   # IoU 0.75 exactly
    write_case("thresholds", gt, dt, full=True)


def case_crowd():
    gt = {"images": images(3), "categories": cats(2), "annotations": [
        ann(1, 1, 1, [0, 0, 200, 200], crowd=1), ann(2, 1, 1, [50, 50, 40, 40]),
        ann(3, 2, 1, [100, 100, 300, 200], crowd=1), ann(4, 2, 2, [10, 10, 30, 30]),
        ann(5, 3, 2, [0, 0, 640, 480], crowd=1), ann(6, 3, 1, [300, 300, 60, 60])]}
    dt = [det(1, 1, [50, 50, 40, 40], 0.95),   # matches the regular object
          det(1, 1, [20, 20, 30, 30], 0.9),    # inside crowd: ignored
          det(1, 1, [0, 0, 100, 100], 0.85),   # inside crowd: ignored
          det(1, 1, [52, 52, 40, 40], 0.8),    # duplicate of the regular object, but falls in crowd
          det(2, 1, [120, 120, 50, 50], 0.7), det(2, 1, [90, 90, 100, 100], 0.6),
          det(2, 2, [10, 10, 30, 30], 0.5), det(2, 2, [400, 10, 30, 30], 0.4),
          det(3, 2, [100, 100, 20, 20], 0.3), det(3, 1, [300, 300, 60, 60], 0.2),
          det(3, 1, [301, 301, 60, 60], 0.2)]
    write_case("crowd", gt, dt, full=True)


def case_areas():
    """Objects on both sides of 32^2 and 96^2, area != box area (segment areas), boundaries exact."""
    gt = {"images": images(4), "categories": cats(1), "annotations": [
        ann(1, 1, 1, [0, 0, 32, 32]),                 # area exactly 1024: small and medium
        ann(2, 1, 1, [100, 100, 96, 96]),             # exactly 9216: medium and large
        ann(3, 2, 1, [0, 0, 40, 40], area=900.0),     # box medium, segment small
        ann(4, 2, 1, [200, 200, 100, 100], area=9000.0),
        ann(5, 3, 1, [10, 10, 8, 8]), ann(6, 3, 1, [300, 100, 200, 300]),
        ann(7, 4, 1, [50, 50, 31, 33])]}
    dt = [det(1, 1, [0, 0, 32, 32], 0.9), det(1, 1, [100, 100, 96, 96], 0.8),
          det(2, 1, [0, 0, 40, 40], 0.7), det(2, 1, [200, 200, 100, 100], 0.6),
          det(3, 1, [10, 10, 8, 8], 0.5), det(3, 1, [310, 110, 180, 280], 0.4),
          det(4, 1, [400, 400, 10, 10], 0.95),        # unmatched small detection
          det(4, 1, [300, 10, 150, 150], 0.35),       # unmatched large detection
          det(4, 1, [50, 50, 31, 33], 0.3)]
    write_case("areas", gt, dt, full=True)


def case_maxdets_ties(rng):
    """More than 100 detections per image and category; many equal scores within and across images."""
    n_img = 6
    anns, dts, aid = [], [], 1
    for img in range(1, n_img + 1):
        for _ in range(rng.integers(5, 30)):
            x, y = rng.uniform(0, 560), rng.uniform(0, 400)
            w, h = rng.uniform(4, 80), rng.uniform(4, 80)
            anns.append(ann(aid, img, int(rng.integers(1, 3)), [round(x, 1), round(y, 1), round(w, 1), round(h, 1)]))
            aid += 1
        for _ in range(int(rng.integers(180, 300))):
            a = anns[int(rng.integers(len(anns)))]
            x, y, w, h = a["bbox"]
            j = rng.normal(0, 0.15, 4) * [w, h, w, h]
            b = [round(x + j[0], 2), round(y + j[1], 2), round(max(1, w + j[2]), 2), round(max(1, h + j[3]), 2)]
            score = round(float(rng.uniform(0, 1)), 1)  # only 11 distinct values: many ties
            dts.append(det(img, int(rng.integers(1, 3)), b, score))
    gt = {"images": images(n_img), "categories": cats(2), "annotations": anns}
    write_case("maxdets-ties", gt, dts)


def case_empty():
    """Images without ground truth, a category without detections, one without ground truth."""
    gt = {"images": images(4), "categories": cats(3), "annotations": [
        ann(1, 1, 1, [10, 10, 50, 50]), ann(2, 2, 2, [100, 100, 60, 60])]}
    dt = [det(1, 1, [10, 10, 50, 50], 0.9), det(3, 1, [10, 10, 50, 50], 0.8),   # image 3 has no gt
          det(4, 3, [0, 0, 10, 10], 0.7)]                                      # category 3 has no gt
    write_case("empty-parts", gt, dt, full=True)
    write_case("no-detections", gt, [], full=True)


def case_random(rng, name, n_img, n_cat, crowd_p):
    anns, dts, aid = [], [], 1
    for img in range(1, n_img + 1):
        for _ in range(int(rng.integers(0, 12))):
            x, y = rng.uniform(0, 600), rng.uniform(0, 440)
            w, h = np.exp(rng.uniform(np.log(3), np.log(400), 2))
            w, h = min(w, 640 - x), min(h, 480 - y)
            area = float(w * h * rng.uniform(0.4, 1.0))
            crowd = int(rng.uniform() < crowd_p)
            anns.append(ann(aid, img, int(rng.integers(1, n_cat + 1)),
                            [round(float(x), 2), round(float(y), 2), round(float(w), 2), round(float(h), 2)],
                            area=round(area, 3), crowd=crowd))
            aid += 1
    for img in range(1, n_img + 1):
        mine = [a for a in anns if a["image_id"] == img]
        for _ in range(int(rng.integers(0, 40))):
            if mine and rng.uniform() < 0.7:
                a = mine[int(rng.integers(len(mine)))]
                x, y, w, h = a["bbox"]
                j = rng.normal(0, 0.12, 4) * [w, h, w, h]
                b = [x + j[0], y + j[1], max(0.5, w + j[2]), max(0.5, h + j[3])]
                cat = a["category_id"] if rng.uniform() < 0.85 else int(rng.integers(1, n_cat + 1))
            else:
                x, y = rng.uniform(0, 600), rng.uniform(0, 440)
                w, h = np.exp(rng.uniform(np.log(3), np.log(300), 2))
                b = [x, y, w, h]
                cat = int(rng.integers(1, n_cat + 1))
            b = [round(float(v), 2) for v in b]
            score = float(rng.uniform(0.01, 1))
            if rng.uniform() < 0.2:
                score = round(score, 2)
            dts.append(det(img, cat, b, score))
    order = rng.permutation(len(dts))  # results files are not sorted by image
    dts = [dts[i] for i in order]
    gt = {"images": images(n_img), "categories": cats(n_cat), "annotations": anns}
    write_case(name, gt, dts)


def case_coco_mini(rng):
    """The shared coco-mini ground truth with jittered, partly wrong detections."""
    with open(SHARED_COCO) as f:
        gt = json.load(f)
    for a in gt["annotations"]:
        a.pop("segmentation", None)
    gt = {"images": [{k: i[k] for k in ("id", "file_name", "width", "height")} for i in gt["images"]],
          "categories": gt["categories"], "annotations": gt["annotations"]}
    cat_ids = [c["id"] for c in gt["categories"]]
    dts = []
    for a in gt["annotations"]:
        for _ in range(int(rng.integers(0, 3))):
            x, y, w, h = a["bbox"]
            j = rng.normal(0, 0.1, 4) * [w, h, w, h]
            cat = a["category_id"] if rng.uniform() < 0.9 else int(rng.choice(cat_ids))
            dts.append(det(a["image_id"], cat, [round(float(v), 2) for v in
                                                [x + j[0], y + j[1], max(1, w + j[2]), max(1, h + j[3])]],
                           round(float(rng.uniform(0.05, 1)), 3)))
    write_case("coco-mini-jitter", gt, dts, gt_ref="datasets/coco-mini/annotations/instances.json")


def main():
    rng = np.random.default_rng(20221)
    case_hand()
    case_thresholds()
    case_crowd()
    case_areas()
    case_maxdets_ties(rng)
    case_empty()
    for s in range(4):
        case_random(rng, "random-%d" % s, n_img=30 + 20 * s, n_cat=3, crowd_p=0.08)
    case_coco_mini(rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
