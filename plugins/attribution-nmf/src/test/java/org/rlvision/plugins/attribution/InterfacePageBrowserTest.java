package org.rlvision.plugins.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Loads an interface page written from a planted model (3 trajectories of real CoinRun frames,
 * 4 factors) in headless Chromium from {@code file://} and checks what a user sees: the
 * timeline, the overlays and the legend draw, the data decoded in the browser equals what Java
 * wrote, → moves the scrubber and changes the overlay, a legend click isolates its factor, a
 * thumbnail click opens the factor's dataset examples whose rows jump to their step, and the
 * timeline's window scrolls with the cursor and maps clicks to steps. Keeps screenshots in
 * {@code target/interface-screenshot.png} and {@code target/interface-popup-screenshot.png}.
 */
class InterfacePageBrowserTest {
    private static final int TRAJECTORIES = 3;
    private static final int STEPS = 96;
    private static final int K = 4;
    private static final int GRID = 32;

    @TempDir
    static Path dir;
    static InterfaceModel model;
    static ChromeDriver driver;

    @BeforeAll
    static void openPage() throws Exception {
        InterfaceBrowser.assumeInstalled();
        model = InterfacePageFixture.model(TRAJECTORIES, STEPS, K, GRID, 7);
        InterfacePage.write(model, InterfacePageFixture.runEpisodes(model), dir, "interface.html");
        driver = InterfaceBrowser.start();
        driver.get(dir.resolve("interface.html").toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "true".equals(
                driver.executeScript("return document.body.dataset.ready || (window.RLV && RLV.error ? 'error' : null)"))
                || driver.executeScript("return window.RLV && RLV.error") != null);
        assertNull(driver.executeScript("return window.RLV.error || null"), "the page reported an error");
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void legendListsEveryFactorWithItsLabelAndIou() {
        List<WebElement> entries = driver.findElements(By.cssSelector("#legend li"));
        assertEquals(K, entries.size());
        for (int f = 0; f < K; f++) {
            String text = entries.get(f).getText();
            assertTrue(text.contains(model.factors().get(f).label()), text);
            assertTrue(text.contains(String.format(java.util.Locale.ROOT, "IoU %.2f", model.factors().get(f).iou())), text);
            assertEquals(f == 0, text.contains("lift 8.3× · IoU 0.62"), "only factor 0 has lifts: " + text);
            String help = entries.get(f).findElement(By.cssSelector(".iou")).getAttribute("title");
            assertEquals(f == 0, help.startsWith("lift: how much denser"), "the measures are explained on hover: " + help);
            assertTrue(help.contains("IoU: overlap"), help);
            assertEquals(Boolean.TRUE, driver.executeScript(
                    "return arguments[0].querySelector('img').naturalWidth === 64", entries.get(f)), "thumbnail " + f);
        }
        assertEquals(TRAJECTORIES, driver.findElements(By.cssSelector("#trajectories li")).size());
    }

    @Test
    void timelineAndOverlaysDraw() {
        int[] at = strongestStep(true);
        int step = at[1];
        driver.executeScript("return RLV.go(arguments[0], arguments[1])", at[0], step);
        waitForStep(step);
        // canvases are read back in the page: count pixels that are not the light background
        long timeline = ((Number) driver.executeScript(
                "const c = document.getElementById('timeline'); const d = c.getContext('2d')"
                        + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + "for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && !(d[i] > 240 && d[i+1] > 240 && d[i+2] > 240)) n++;"
                        + "return n;")).longValue();
        assertTrue(timeline > 20_000, "timeline has only " + timeline + " drawn pixels");
        assertTrue(distinctColours("observation") > 10, "the observation is blank");
        assertTrue(colouredPixels("positive") > 100, "the positive overlay shows no attribution");
        assertTrue(colouredPixels("negative") > 100, "the negative overlay shows no attribution");
        assertEquals("step " + step + " of " + STEPS, driver.findElement(By.id("step-label")).getText());
    }

    @Test
    void browserDecodesExactlyWhatJavaWrote() {
        PageScale scale = PageScale.of(model.trajectories(), K * GRID * GRID);
        for (int i = 0; i < TRAJECTORIES; i++) {
            TrajectoryView t = model.trajectories().get(i);
            @SuppressWarnings("unchecked")
            List<Number> sums = (List<Number>) driver.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "RLV.load(arguments[0]).then(t => { const s = a => a.reduce((x, y) => x + y, 0);"
                            + "done([s(t.frames), s(t.positive), s(t.negative), t.frames.length, t.positive.length,"
                            + " t.frames[12345], t.positive[777]]); });", i);
            byte[] pos = scale.quantise(t.positive());
            byte[] neg = scale.quantise(t.negative());
            assertEquals(unsignedSum(t.frames()), sums.get(0).longValue(), "frames of trajectory " + i);
            assertEquals(unsignedSum(pos), sums.get(1).longValue(), "positive maps of trajectory " + i);
            assertEquals(unsignedSum(neg), sums.get(2).longValue(), "negative maps of trajectory " + i);
            assertEquals(t.frames().length, sums.get(3).intValue());
            assertEquals(pos.length, sums.get(4).intValue());
            assertEquals(t.frames()[12345] & 0xFF, sums.get(5).intValue());
            assertEquals(pos[777] & 0xFF, sums.get(6).intValue());
        }
    }

    @Test
    void arrowKeyMovesTheScrubberAndChangesTheOverlay() throws Exception {
        driver.executeScript("return RLV.go(0, 0)");
        waitForStep(0);
        String before = canvasHash("positive") + canvasHash("negative");
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        waitForStep(1);
        String after = canvasHash("positive") + canvasHash("negative");
        assertNotEquals(before, after, "the overlay did not change between step 0 and step 1");
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
        waitForStep(11);
        new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
        waitForStep(10);
        new Actions(driver).sendKeys(Keys.ARROW_DOWN).perform();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> driver.findElement(By.id("step-label"))
                .getText().equals("step 0 of " + STEPS) && ((Number) driver.executeScript("return RLV.state.traj")).intValue() == 1);
        int[] saw = strongestStep(false);
        driver.executeScript("return RLV.go(arguments[0], arguments[1])", saw[0], saw[1]);
        waitForStep(saw[1]);
        screenshot("interface-screenshot.png");
    }

    @Test
    void legendClickIsolatesAFactorAndASecondClickShowsAll() {
        driver.executeScript("return RLV.go(0, 20)");
        waitForStep(20);
        List<WebElement> entries = driver.findElements(By.cssSelector("#legend li"));
        entries.get(1).click();
        assertEquals(1L, ((Number) driver.executeScript("return RLV.state.isolate")).longValue());
        assertTrue(entries.get(1).getAttribute("class").contains("isolated"));
        assertTrue(entries.get(0).getAttribute("class").contains("dimmed"));
        // factor 1 is the agent (positive): only its hue remains in the positive overlay
        int agentHue = Math.round(hue(model.factors().get(1).rgb()));
        assertTrue(onlyHue("positive", agentHue), "isolating the agent factor left other colours in the overlay");
        entries.get(1).click();
        assertEquals(-1L, ((Number) driver.executeScript("return RLV.state.isolate")).longValue());
        assertTrue(driver.findElements(By.cssSelector("#legend li.dimmed")).isEmpty());
        new Actions(driver).sendKeys("3").perform();
        assertEquals(2L, ((Number) driver.executeScript("return RLV.state.isolate")).longValue());
        new Actions(driver).sendKeys("0").perform();
        assertEquals(-1L, ((Number) driver.executeScript("return RLV.state.isolate")).longValue());
    }

    /**
     * The trajectory and step with the most stored negative attribution (a saw or an enemy in
     * view), or, with {@code both}, with the most of the smaller of the two signs.
     */
    private static int[] strongestStep(boolean both) {
        PageScale scale = PageScale.of(model.trajectories(), K * GRID * GRID);
        int per = K * GRID * GRID;
        int[] best = {0, 0};
        long bestScore = -1;
        for (int i = 0; i < TRAJECTORIES; i++) {
            TrajectoryView t = model.trajectories().get(i);
            byte[] pos = scale.quantise(t.positive());
            byte[] neg = scale.quantise(t.negative());
            for (int s = 0; s < t.length(); s++) {
                long p = 0;
                long n = 0;
                for (int c = s * per; c < (s + 1) * per; c++) {
                    p += pos[c] & 0xFF;
                    n += neg[c] & 0xFF;
                }
                long score = both ? Math.min(p, n) : n;
                if (score > bestScore) {
                    bestScore = score;
                    best = new int[] {i, s};
                }
            }
        }
        System.out.println("strongest step " + java.util.Arrays.toString(best) + " score " + bestScore);
        return best;
    }

    @Test
    void spacePlaysAtTwelveStepsPerSecondAndPauses() {
        driver.executeScript("return RLV.go(2, 0)");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                ((Number) driver.executeScript("return RLV.state.traj")).intValue() == 2);
        long start = System.nanoTime();
        new Actions(driver).sendKeys(" ").perform();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                ((Number) driver.executeScript("return RLV.state.step")).intValue() >= 12);
        double seconds = (System.nanoTime() - start) / 1e9;
        new Actions(driver).sendKeys(" ").perform();
        assertNull(driver.executeScript("return RLV.state.playing"), "space did not pause");
        int paused = ((Number) driver.executeScript("return RLV.state.step")).intValue();
        // 12 steps at 12 fps take about a second; timers may run late on a busy machine, never early
        assertTrue(seconds > 0.9, "12 steps played in " + seconds + " s");
        assertEquals(paused, ((Number) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; setTimeout(() => done(RLV.state.step), 300);")).intValue());
    }

    @Test
    void thumbnailOpensTheFactorsExamplesAndAnExampleJumpsToItsStep() throws Exception {
        driver.executeScript("return RLV.go(0, 5)");
        waitForStep(5);
        List<WebElement> entries = driver.findElements(By.cssSelector("#legend li"));
        WebElement popup = driver.findElement(By.id("popup"));
        for (int f : new int[] {2, 0}) {
            entries.get(f).findElement(By.cssSelector("img.thumb")).click();
            assertTrue(popup.isDisplayed(), "the popup did not open for factor " + f);
            assertEquals(-1L, ((Number) driver.executeScript("return RLV.state.isolate")).longValue(),
                    "a thumbnail click must not isolate");
            String title = driver.findElement(By.id("popup-title")).getText();
            String fit = driver.findElement(By.id("popup-iou")).getText();
            assertTrue(fit.startsWith(f == 0 ? "lift 8.3× on the cells touching \"saw\" (next: enemy 8.0×, background 0.5×) · IoU 0.62"
                    : String.format(java.util.Locale.ROOT, "IoU %.2f with the \"%s\" pixels", model.factors().get(f).iou(),
                    model.factors().get(f).label())), fit);
            assertEquals("nmf:" + f + " · " + model.factors().get(f).label(), title,
                    "the popup names the factor as factors.json and circuit-edit do");
            List<WebElement> rows = driver.findElements(By.cssSelector("#popup-examples tr"));
            assertEquals(model.factors().get(f).examples().size(), rows.size());
            assertEquals(InterfacePageFixture.shownExamples(f) + 1, rows.size());
            assertEquals(InterfacePageFixture.shownExamples(f),
                    driver.findElements(By.cssSelector("#popup-examples tr.linked")).size());
            FactorView.DatasetExample last = model.factors().get(f).examples().get(rows.size() - 1);
            assertTrue(rows.get(rows.size() - 1).getText().startsWith(rows.size() + " " + last.episode() + " "
                    + last.step() + " " + last.y() + ", " + last.x()), rows.get(rows.size() - 1).getText());
            if (f == 2) {
                screenshot("interface-popup-screenshot.png");
                new Actions(driver).sendKeys(Keys.ESCAPE).perform();
                assertFalse(popup.isDisplayed(), "Esc did not close the popup");
            } else {
                // a click on the backdrop, outside the dialog, closes it
                new Actions(driver).moveToLocation(4, 4).click().perform();
                assertFalse(popup.isDisplayed(), "a click outside did not close the popup");
            }
        }
        // the ⤢ button opens factor 1's popup; its third example jumps to where it lies
        entries.get(1).findElement(By.cssSelector(".examples-button")).click();
        FactorView.DatasetExample ex = model.factors().get(1).examples().get(2);
        int trajectory = ex.episode() / 100;
        int step = episodeStart(model.trajectories().get(trajectory), ex.episode() % 100) + ex.step();
        driver.findElements(By.cssSelector("#popup-examples tr")).get(2).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                ((Number) driver.executeScript("return RLV.state.traj")).intValue() == trajectory);
        waitForStep(step);
        assertFalse(popup.isDisplayed(), "choosing an example leaves the popup open");
        // the unshown example's row has no link
        entries.get(1).findElement(By.cssSelector("img.thumb")).click();
        List<WebElement> rows = driver.findElements(By.cssSelector("#popup-examples tr"));
        WebElement unshown = rows.get(rows.size() - 1);
        assertTrue(unshown.getText().contains("not in the trajectories"), unshown.getText());
        unshown.click();
        assertTrue(popup.isDisplayed(), "an example outside the trajectories closed the popup");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        assertEquals(step, ((Number) driver.executeScript("return RLV.state.step")).intValue());
    }

    @Test
    void windowScrollsWithTheCursorAndClicksMapToItsSteps() {
        try {
            driver.executeScript("return RLV.go(1, 0)");
            waitForStep(0);
            driver.executeScript("RLV.setWindow(32)");
            // a step inside the window (27 of 0..31) does not scroll it
            driver.executeScript("return RLV.go(1, 27)");
            waitForStep(27);
            WebElement timeline = driver.findElement(By.id("timeline"));
            assertEquals("0", timeline.getAttribute("data-window-start"));
            assertEquals("32", timeline.getAttribute("data-window-steps"));
            // the cursor keeps 32 / 8 = 4 steps from the window's right edge: step 28 scrolls it by one
            new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
            waitForStep(28);
            assertEquals("1", timeline.getAttribute("data-window-start"));
            new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
            waitForStep(38);
            assertEquals("11", timeline.getAttribute("data-window-start"));
            // clicks in the middle of a step's column select it: window start + column
            clickStep(timeline, 10, 32);
            waitForStep(21);
            clickStep(timeline, 30, 32);
            waitForStep(41);
            assertEquals("11", timeline.getAttribute("data-window-start"), "a click must not scroll the window");
            // z shows every step: a click maps over all 96
            new Actions(driver).sendKeys("z").perform();
            assertEquals("0", timeline.getAttribute("data-window-start"));
            assertEquals(String.valueOf(STEPS), timeline.getAttribute("data-window-steps"));
            clickStep(timeline, 70, STEPS);
            waitForStep(70);
        } finally {
            driver.executeScript("RLV.setWindow(256)");
        }
        assertEquals(String.valueOf(STEPS), driver.findElement(By.id("timeline")).getAttribute("data-window-steps"));
    }

    /** Clicks the middle of column {@code column} of a timeline that shows {@code steps} steps. */
    private static void clickStep(WebElement timeline, int column, int steps) {
        @SuppressWarnings("unchecked")
        List<Number> layout = (List<Number>) driver.executeScript("const r = arguments[0].getBoundingClientRect();"
                + "return [r.width, r.height, RLV.layout.gutter, RLV.layout.padRight];", timeline);
        double width = layout.get(0).doubleValue();
        double plot = width - layout.get(2).doubleValue() - layout.get(3).doubleValue();
        double x = layout.get(2).doubleValue() + (column + 0.5) * plot / steps;
        // Selenium's offsets are from the element's centre
        new Actions(driver).moveToElement(timeline, (int) Math.round(x - width / 2), 0).click().perform();
    }

    /** The trajectory step where its episode {@code episode} (0-based) begins. */
    private static int episodeStart(TrajectoryView t, int episode) {
        int seen = 0;
        for (int s = 1; s < t.length(); s++) {
            if (t.first()[s] && ++seen == episode) {
                return s;
            }
        }
        return 0;
    }

    private static void waitForStep(int step) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> driver.findElement(By.id("step-label")).getText()
                .equals("step " + step + " of " + STEPS));
    }

    private static void screenshot(String name) throws Exception {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long colouredPixels(String id) {
        return ((Number) driver.executeScript("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { const mx = Math.max(d[i], d[i+1], d[i+2]),"
                + " mn = Math.min(d[i], d[i+1], d[i+2]); if (mx - mn > 40) n++; } return n;", id)).longValue();
    }

    private static long distinctColours(String id) {
        return ((Number) driver.executeScript("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const s = new Set();"
                + "for (let i = 0; i < d.length; i += 4) s.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]); return s.size;", id))
                .longValue();
    }

    private static String canvasHash(String id) {
        return String.valueOf(driver.executeScript("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let h = 0;"
                + "for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) | 0; return h;", id));
    }

    /** True when every strongly coloured pixel of the canvas has a hue within 25° of {@code hue}. */
    private static boolean onlyHue(String id, int hue) {
        return Boolean.TRUE.equals(driver.executeScript("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { const r = d[i], g = d[i+1], b = d[i+2];"
                + " const mx = Math.max(r, g, b), mn = Math.min(r, g, b); if (mx - mn < 60) continue; n++;"
                + " let h = mx === r ? (g - b) / (mx - mn) : mx === g ? 2 + (b - r) / (mx - mn) : 4 + (r - g) / (mx - mn);"
                + " h = (h * 60 + 360) % 360; const dh = Math.min(Math.abs(h - arguments[1]), 360 - Math.abs(h - arguments[1]));"
                + " if (dh > 25) return false; } return n > 0;", id, hue));
    }

    private static float hue(int rgb) {
        float[] hsb = java.awt.Color.RGBtoHSB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, null);
        return hsb[0] * 360;
    }

    private static long unsignedSum(byte[] bytes) {
        long s = 0;
        for (byte b : bytes) {
            s += b & 0xFF;
        }
        return s;
    }
}
