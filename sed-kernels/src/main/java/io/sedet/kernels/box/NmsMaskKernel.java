package io.sedet.kernels.box;

/**
 * NMS suppression mask, the data-parallel half of greedy NMS (as torchvision's CUDA NMS splits
 * it). Boxes are in visiting order (descending score). One work item per (box i, 32-box word w):
 * bit b of {@code mask[i*words + w]} is set when box j = 32w + b comes after i, has the same
 * class and IoU(i, j) &gt; threshold. The greedy scan over the mask runs on the host.
 */
final class NmsMaskKernel extends IouKernel {
    float[] boxes = new float[4]; // [M*4] xyxy, in visiting order
    int[] classes = new int[1];   // [M], in visiting order
    int[] mask = new int[1];      // [M*words]
    int m;
    int words;
    float threshold;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id >= m * words) {
            return;
        }
        int i = id / words;
        int w = id - i * words;
        float ax1 = boxes[4 * i];
        float ay1 = boxes[4 * i + 1];
        float ax2 = boxes[4 * i + 2];
        float ay2 = boxes[4 * i + 3];
        int c = classes[i];
        int bits = 0;
        int start = max(32 * w, i + 1);
        int end = min(32 * w + 32, m);
        for (int j = start; j < end; j++) {
            if (classes[j] == c && iouOf(ax1, ay1, ax2, ay2, boxes[4 * j], boxes[4 * j + 1], boxes[4 * j + 2], boxes[4 * j + 3]) > threshold) {
                bits |= 1 << (j - 32 * w);
            }
        }
        mask[id] = bits;
    }
}
