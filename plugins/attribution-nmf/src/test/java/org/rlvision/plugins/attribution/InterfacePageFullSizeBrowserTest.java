package org.rlvision.plugins.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The interface at the article's full size, 8 trajectories × 512 steps × 8 factors on a 32×32
 * layer: measures the written assets, the time until the first trajectory is drawn and until all
 * are decoded in headless Chromium, and the time one scrub step takes (also when it scrolls the
 * 256-step timeline window), and holds them to bounds that keep the page usable.
 */
class InterfacePageFullSizeBrowserTest {
    /**
     * Dense background attribution (uniform, mean 1% of the planted peaks of 0.1), so the maps do not
     * compress better than real ones: gradient × activation of the shipped agent at 2b, summed in 8
     * channel groups, gave 1.7 MB per 512-step trajectory script; this gives about 3.2 MB.
     */
    private static final float NOISE = Float.parseFloat(System.getProperty("rlvision.interface.noise", "0.001"));

    @TempDir
    Path dir;

    @Test
    void fullSizePageLoadsAndScrubsQuickly() throws Exception {
        InterfaceBrowser.assumeInstalled();
        long t0 = System.nanoTime();
        InterfaceModel model = InterfacePageFixture.model(8, 512, 8, 32, 11, NOISE);
        long t1 = System.nanoTime();
        InterfacePage.write(model, dir, "interface.html");
        long t2 = System.nanoTime();
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        ChromeDriver driver = InterfaceBrowser.start();
        try {
            driver.get(dir.resolve("interface.html").toUri().toString());
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true".equals(
                    driver.executeScript("return document.body.dataset.allLoaded || (window.RLV && RLV.error ? 'true' : null)")));
            assertNull(driver.executeScript("return RLV.error || null"), "the page reported an error");
            double ready = ((Number) driver.executeScript("return RLV.readyMs")).doubleValue();
            double all = ((Number) driver.executeScript("return RLV.allLoadedMs")).doubleValue();
            driver.executeScript("return RLV.go(3, 0)");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                    ((Number) driver.executeScript("return RLV.state.traj")).intValue() == 3);
            double scrub = ((Number) driver.executeScript("return RLV.measureScrub(200)")).doubleValue();
            assertEquals("step 200 of 512", driver.findElement(By.id("step-label")).getText());
            Path shot = driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "interface-full-size-screenshot.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // the timeline shows 256 of the 512 steps; steps 201-400 scroll it at every step (the
            // cursor stays 256 / 8 = 32 steps from its right edge), redrawing the whole timeline
            assertEquals("256", driver.findElement(By.id("timeline")).getAttribute("data-window-steps"));
            assertEquals("0", driver.findElement(By.id("timeline")).getAttribute("data-window-start"));
            double scroll = ((Number) driver.executeScript("return RLV.measureScrub(200)")).doubleValue();
            assertEquals(String.valueOf(400 - (256 - 1 - 32)),
                    driver.findElement(By.id("timeline")).getAttribute("data-window-start"));
            System.out.printf(Locale.ROOT, "interface 8x512x8: model %.1f s, page written in %.1f s, %.1f MB on disk;"
                            + " first trajectory drawn after %.0f ms, all 8 decoded after %.0f ms; %.2f ms per scrub step,"
                            + " %.2f ms per step that scrolls the timeline%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, bytes / 1e6, ready, all, scrub, scroll);
            assertTrue(scroll < 30, "a scrub step that scrolls the timeline takes " + scroll + " ms");
            assertTrue(ready < 5_000, "first trajectory drawn after " + ready + " ms");
            assertTrue(all < 30_000, "all trajectories decoded after " + all + " ms");
            assertTrue(scrub < 30, "a scrub step takes " + scrub + " ms");
        } finally {
            driver.quit();
        }
    }
}
