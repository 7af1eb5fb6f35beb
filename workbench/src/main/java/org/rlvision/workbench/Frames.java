package org.rlvision.workbench;

import org.rlvision.env.coinrun.SemanticLabel;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns observation bytes and label maps into images and writes them as PNG, contact sheets and
 * looping GIFs (all through {@link AtomicFiles}).
 */
public final class Frames {
    private Frames() {
    }

    /**
     * An image of one RGB frame.
     *
     * @param rgb    {@code [size,size,3]} uint8 starting at {@code offset}
     * @param size   side in pixels
     * @param scale  integer upscaling factor (nearest neighbour) so small frames are visible
     */
    public static BufferedImage rgb(byte[] rgb, int offset, int size, int scale) {
        BufferedImage img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size * scale; y++) {
            for (int x = 0; x < size * scale; x++) {
                int i = offset + ((y / scale) * size + (x / scale)) * 3;
                int c = ((rgb[i] & 0xff) << 16) | ((rgb[i + 1] & 0xff) << 8) | (rgb[i + 2] & 0xff);
                img.setRGB(x, y, c);
            }
        }
        return img;
    }

    /** A grey image whose pixel values are the label ids (machine-readable label map). */
    public static BufferedImage labelIds(byte[] labels, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, size, size, labels.clone());
        return img;
    }

    /** A colour rendering of a label map using each label's display colour, upscaled. */
    public static BufferedImage labelColors(byte[] labels, int size, int scale) {
        SemanticLabel[] all = SemanticLabel.values();
        BufferedImage img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size * scale; y++) {
            for (int x = 0; x < size * scale; x++) {
                int id = labels[(y / scale) * size + (x / scale)] & 0xff;
                img.setRGB(x, y, id < all.length ? all[id].displayRgb() : 0xff00ff);
            }
        }
        return img;
    }

    /** Tiles images (all the same size) into a grid with {@code columns} columns and a 2-px gap. */
    public static BufferedImage sheet(List<BufferedImage> tiles, int columns) {
        int w = tiles.get(0).getWidth();
        int h = tiles.get(0).getHeight();
        int gap = 2;
        int rows = (tiles.size() + columns - 1) / columns;
        int cols = Math.min(columns, tiles.size());
        BufferedImage out = new BufferedImage(cols * (w + gap) + gap, rows * (h + gap) + gap, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(new java.awt.Color(0x30, 0x30, 0x30));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(tiles.get(i), gap + (i % columns) * (w + gap), gap + (i / columns) * (h + gap), null);
        }
        g.dispose();
        return out;
    }

    /** Writes a PNG atomically. */
    public static void writePng(Path file, BufferedImage img) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * Writes an animated, looping GIF.
     *
     * @param delayMs delay per frame in milliseconds
     */
    public static void writeGif(Path file, List<BufferedImage> frames, int delayMs) {
        AtomicFiles.write(file, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage frame = frames.get(i);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                    String format = meta.getNativeMetadataFormatName();
                    IIOMetadataNode root = new IIOMetadataNode(format);
                    IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                    gce.setAttribute("disposalMethod", "none");
                    gce.setAttribute("userInputFlag", "FALSE");
                    gce.setAttribute("transparentColorFlag", "FALSE");
                    gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
                    gce.setAttribute("transparentColorIndex", "0");
                    root.appendChild(gce);
                    if (i == 0) {
                        IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
                        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                        app.setAttribute("applicationID", "NETSCAPE");
                        app.setAttribute("authenticationCode", "2.0");
                        app.setUserObject(new byte[] {1, 0, 0});
                        apps.appendChild(app);
                        root.appendChild(apps);
                    }
                    meta.mergeTree(format, root);
                    writer.writeToSequence(new IIOImage(frame, null, meta), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }
}
