package io.sedet.kernels.image;

import com.aparapi.Kernel;

/**
 * {@link ImageOps#erase}: one work item per canvas pixel; a pixel inside any of the rectangles
 * gets {@code value} in all three channels.
 */
final class EraseKernel extends Kernel {
    float[] canvas = new float[1]; // [.., 3, h, w]
    int[] rects = new int[1];      // [R*4] x1, y1, x2, y2 (half-open, pixels)
    int numRects;
    int offset;
    int h;
    int w;
    float value;

    @Override
    public void run() {
        int id = getGlobalId();
        int plane = h * w;
        if (id >= plane) {
            return;
        }
        int y = id / w;
        int x = id - y * w;
        int inside = 0;
        for (int r = 0; r < numRects; r++) {
            if (x >= rects[4 * r] && y >= rects[4 * r + 1] && x < rects[4 * r + 2] && y < rects[4 * r + 3]) {
                inside = 1;
            }
        }
        if (inside == 1) {
            canvas[offset + id] = value;
            canvas[offset + plane + id] = value;
            canvas[offset + 2 * plane + id] = value;
        }
    }
}
