package com.example.hello;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import javax.imageio.ImageIO;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.OptionType;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.Report;
import org.rlvision.plugin.WorkbenchPlugin;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.Run;

/** A third-party plugin: the histogram of the value estimates stored in a recorded run. */
public final class ValueHistogramPlugin implements WorkbenchPlugin {
    @Override
    public String id() {
        return "value-histogram";
    }

    @Override
    public String description() {
        return "Histogram of the critic's value estimates over every step of a recorded run (--run).";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("bins", OptionType.INT, "20", "number of histogram bins"));
    }

    @Override
    public Report run(PluginContext ctx) throws Exception {
        long bins = ctx.options().integer("bins");
        if (bins < 1 || bins > 1000) {
            throw new PluginException("--opt bins=" + bins + " is out of range; use 1..1000");
        }
        Run run = ctx.trajectories();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        for (Episode e : run.episodes()) {
            for (float v : e.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
        }
        long[] counts = new long[(int) bins];
        double width = max > min ? (max - min) / bins : 1;
        var progress = ctx.progress("binning", run.episodeCount());
        for (Episode e : run.episodes()) {
            for (float v : e.values()) {
                counts[(int) Math.min(bins - 1, Math.floor((v - min) / width))]++;
            }
            progress.advance(1);
        }
        StringBuilder json = new StringBuilder("{\"min\": " + min + ", \"max\": " + max + ", \"counts\": [");
        long top = 1;
        for (int i = 0; i < bins; i++) {
            json.append(i == 0 ? "" : ", ").append(counts[i]);
            top = Math.max(top, counts[i]);
        }
        Files.writeString(ctx.outputDir().resolve("histogram.json"), json.append("]}\n"), StandardCharsets.UTF_8);
        BufferedImage img = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 200);
        g.setColor(new Color(0x3060c0));
        for (int i = 0; i < bins; i++) {
            int h = (int) (190 * counts[i] / top);
            g.fillRect((int) (i * 400 / bins), 200 - h, Math.max(1, (int) (400 / bins) - 1), h);
        }
        g.dispose();
        ImageIO.write(img, "png", ctx.outputDir().resolve("histogram.png").toFile());
        ctx.log().info("binned " + n + " values");
        return Report.builder("Value histogram of " + run.dir().getFileName())
                .figure("steps", n, "")
                .figure("mean value", sum / n, "")
                .figure("min value", min, "")
                .figure("max value", max, "")
                .artifact("histogram.png", Report.Kind.PNG, bins + " bins from min to max")
                .artifact("histogram.json", Report.Kind.JSON, "bin counts")
                .build();
    }
}
