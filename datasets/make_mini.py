#!/usr/bin/env python3
"""Builds the small real test sets voc-mini and coco-mini from the official downloads.

    python3 datasets/make_mini.py voc  VOCdevkit/VOC2012 OUT/voc-mini
    python3 datasets/make_mini.py coco annotations/instances_train2017.json train2017 OUT/coco-mini

voc:  copies JPEGImages/<id>.jpg and Annotations/<id>.xml of every id in voc-mini-ids.txt (all
      VOC2012 trainval images) and writes ImageSets/Main/{trainval,test}.txt as listed there:
      OUT/voc-mini/VOC2012/{JPEGImages,Annotations,ImageSets/Main}.
coco: copies the images of coco-mini-ids.txt (COCO 2017 train ids) and writes
      OUT/coco-mini/annotations/instances.json: info, licenses and all 80 categories as in the
      source, its images sorted by id, their annotations in the source's order;
      OUT/coco-mini/images/<file_name>.
Python's standard library only; nothing is downloaded. Files already in OUT are replaced.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def ids(name):
    with open(os.path.join(HERE, name)) as f:
        return [line.split() for line in f if line.strip() and not line.startswith('#')]


def need(path):
    if not os.path.exists(path):
        sys.exit('make_mini.py: %s: no such file or folder' % path)
    return path


def voc(src, out):
    dst = os.path.join(out, 'VOC2012')
    for sub in ('JPEGImages', 'Annotations', os.path.join('ImageSets', 'Main')):
        os.makedirs(os.path.join(dst, sub), exist_ok=True)
    sets = {}
    for image_set, image_id in ids('voc-mini-ids.txt'):
        shutil.copyfile(need(os.path.join(src, 'JPEGImages', image_id + '.jpg')),
                        os.path.join(dst, 'JPEGImages', image_id + '.jpg'))
        shutil.copyfile(need(os.path.join(src, 'Annotations', image_id + '.xml')),
                        os.path.join(dst, 'Annotations', image_id + '.xml'))
        sets.setdefault(image_set, []).append(image_id)
    for image_set, members in sets.items():
        with open(os.path.join(dst, 'ImageSets', 'Main', image_set + '.txt'), 'w') as f:
            f.write(''.join(m + '\n' for m in members))
    print('voc-mini: %d images -> %s' % (sum(len(m) for m in sets.values()), dst))


def coco(instances, images, out):
    with open(need(instances)) as f:
        d = json.load(f)
    wanted = {int(i[0]) for i in ids('coco-mini-ids.txt')}
    kept = sorted((i for i in d['images'] if i['id'] in wanted), key=lambda i: i['id'])
    missing = wanted - {i['id'] for i in kept}
    if missing:
        sys.exit('make_mini.py: %s: has no image with id %s' % (instances, sorted(missing)[:5]))
    os.makedirs(os.path.join(out, 'annotations'), exist_ok=True)
    os.makedirs(os.path.join(out, 'images'), exist_ok=True)
    for i in kept:
        shutil.copyfile(need(os.path.join(images, i['file_name'])), os.path.join(out, 'images', i['file_name']))
    mini = {'info': d.get('info', {}), 'licenses': d.get('licenses', []), 'categories': d['categories'],
            'images': kept, 'annotations': [a for a in d['annotations'] if a['image_id'] in wanted]}
    with open(os.path.join(out, 'annotations', 'instances.json'), 'w') as f:
        json.dump(mini, f)
    print('coco-mini: %d images, %d annotations -> %s' % (len(kept), len(mini['annotations']), out))


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'voc':
        voc(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == 'coco':
        coco(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
