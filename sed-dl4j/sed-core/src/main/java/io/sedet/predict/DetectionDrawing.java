package io.sedet.predict;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws detections on a copy of an image: a box per detection, labelled "class 0.93"; with
 * {@link #drawWithTruth} the ground-truth boxes beneath them, dashed.
 */
public final class DetectionDrawing {
    private static final Color[] PALETTE = {
        new Color(230, 25, 75), new Color(60, 180, 75), new Color(255, 225, 25), new Color(0, 130, 200),
        new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240), new Color(240, 50, 230),
        new Color(210, 245, 60), new Color(250, 190, 212), new Color(0, 128, 128), new Color(170, 110, 40)};

    private DetectionDrawing() {
    }

    /** @param classNames class k is {@code classNames.get(k)} */
    public static BufferedImage draw(BufferedImage image, List<PredictedBox> dets, List<String> classNames, double minScore) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int fontSize = Math.max(10, Math.min(image.getWidth(), image.getHeight()) / 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(Math.max(1.5f, fontSize / 6f)));
        for (PredictedBox d : dets) {
            if (d.score() < minScore) {
                continue;
            }
            int k = d.label();
            Color c = PALETTE[k % PALETTE.length];
            int x = Math.round(d.x1());
            int y = Math.round(d.y1());
            int w = Math.round(d.x2() - d.x1());
            int h = Math.round(d.y2() - d.y1());
            g.setColor(c);
            g.drawRect(x, y, w, h);
            String label = (k < classNames.size() ? classNames.get(k) : "class " + k)
                    + String.format(Locale.ROOT, " %.2f", d.score());
            int tw = fm.stringWidth(label) + 4;
            int th = fm.getHeight();
            int ty = y - th >= 0 ? y - th : y;
            g.fillRect(x, ty, tw, th);
            g.setColor(c.getRed() * 0.299 + c.getGreen() * 0.587 + c.getBlue() * 0.114 > 150 ? Color.BLACK : Color.WHITE);
            g.drawString(label, x + 2, ty + fm.getAscent());
        }
        g.dispose();
        return out;
    }

    /**
     * The ground truth as dashed white boxes (outlined in black so they show on any background),
     * with the detections of {@link #draw} over them.
     *
     * @param truthBoxes {@code [G*4]} xyxy in the image's pixels
     */
    public static BufferedImage drawWithTruth(BufferedImage image, float[] truthBoxes, List<PredictedBox> dets,
                                              List<String> classNames, double minScore) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float width = Math.max(1.5f, Math.max(10, Math.min(image.getWidth(), image.getHeight()) / 40) / 6f);
        for (int pass = 0; pass < 2; pass++) {
            g.setColor(pass == 0 ? Color.BLACK : Color.WHITE);
            g.setStroke(pass == 0 ? new BasicStroke(width + 2)
                    : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            for (int k = 0; k < truthBoxes.length / 4; k++) {
                int x = Math.round(truthBoxes[4 * k]);
                int y = Math.round(truthBoxes[4 * k + 1]);
                g.drawRect(x, y, Math.round(truthBoxes[4 * k + 2]) - x, Math.round(truthBoxes[4 * k + 3]) - y);
            }
        }
        g.dispose();
        return draw(out, dets, classNames, minScore);
    }
}
