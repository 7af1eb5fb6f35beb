package org.rlvision.plugins.attribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by its own chromedriver, for the interface page's browser tests.
 * The driver's path is given explicitly, so Selenium Manager never looks for (or downloads) one;
 * without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the calling test is skipped.
 */
final class InterfaceBrowser {
    static final Path CHROMIUM = Path.of(System.getProperty("rlvision.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("rlvision.chromedriver", "/usr/bin/chromedriver"));

    private InterfaceBrowser() {
    }

    /** Skips the test, with the reason printed, when Chromium or chromedriver is missing. */
    static void assumeInstalled() {
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                String reason = p + " is not installed, so the interface page's browser test is skipped"
                        + " (apt-get install chromium chromium-driver; .ci/run does it)";
                System.out.println("SKIPPED: " + reason);
                Assumptions.assumeTrue(false, reason);
            }
        }
    }

    /** Starts headless Chromium with a 1440×1000 window. */
    static ChromeDriver start() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1440,1100", "--hide-scrollbars", "--force-device-scale-factor=1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
