package org.rlvision.plugins.attribution;

import org.rlvision.plugin.Html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes Hilton et al.'s trajectory interface for an {@link InterfaceModel}: a static HTML page
 * that opens from disk with no server and no network, plus its assets folder next to it
 * ({@code interface.html} + {@code interface-assets/}: {@code app.js}, {@code style.css},
 * {@code index.js} and one {@code traj-N.js} per trajectory, see {@link PageScripts}).
 *
 * <p>The assets are written into a fresh temporary folder that then replaces the old one, and the
 * HTML file is renamed into place last, so a crash leaves either the old page or the new one.
 */
public final class InterfacePage {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.html");
    private static final String RESOURCES = "/org/rlvision/plugins/attribution/page/";
    private static final List<String> STATIC_ASSETS = List.of("app.js", "style.css");

    private InterfacePage() {
    }

    /**
     * Writes {@code dir/fileName} and the folder {@code <fileName without .html>-assets/} next to it.
     *
     * @param model    what the page shows
     * @param dir      the output folder (created if missing)
     * @param fileName the page's file name, e.g. {@code interface.html}
     * @throws IOException              if a file cannot be written
     * @throws IllegalArgumentException if the file name is not a plain {@code .html} name or the
     *                                  model's arrays do not have the shapes its records document
     */
    public static void write(InterfaceModel model, Path dir, String fileName) throws IOException {
        write(model, null, dir, fileName);
    }

    /**
     * As {@link #write(InterfaceModel, Path, String)}, also telling the page which of the run's
     * episodes each trajectory shows, so that the factor popup can jump from a dataset example
     * ({@link FactorView.DatasetExample#episode()}, {@code step}) to where it appears in a
     * trajectory. Each trajectory's episodes start at their step 0 (the first at the trajectory's
     * step 0, the others at its {@code first} flags).
     *
     * @param model       what the page shows
     * @param runEpisodes per trajectory, the run's episode index of each of its episodes in order
     *                    (as many as {@code first} flags, counting step 0); {@code null} when unknown,
     *                    and then the popup lists the examples without links
     * @param dir         the output folder (created if missing)
     * @param fileName    the page's file name, e.g. {@code interface.html}
     * @throws IOException              if a file cannot be written
     * @throws IllegalArgumentException as the other overload, or if {@code runEpisodes} does not
     *                                  have one array per trajectory with one index per episode
     */
    public static void write(InterfaceModel model, List<int[]> runEpisodes, Path dir, String fileName)
            throws IOException {
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("interface page file name '" + fileName
                    + "' must be a plain name ending in .html (letters, digits, '.', '_', '-'), e.g. interface.html");
        }
        PageModelCheck.check(model);
        checkRunEpisodes(model, runEpisodes);
        String assets = assetsFolder(fileName);
        int k = model.factors().size();
        int cells = model.layerHeight() * model.layerWidth();
        PageScale scale = PageScale.of(model.trajectories(), k * cells);

        Files.createDirectories(dir);
        // a fresh name made with createDirectory honours the umask (createTempDirectory would make it 0700)
        Path fresh = Files.createDirectory(dir.resolve("." + assets + "-" + Long.toHexString(System.nanoTime())));
        try {
            for (String name : STATIC_ASSETS) {
                Files.writeString(fresh.resolve(name), resource(name), StandardCharsets.UTF_8);
            }
            Files.writeString(fresh.resolve("index.js"), PageScripts.index(model, scale,
                    PageBookmarks.select(model.trajectories(), PageBookmarks.COUNT, true),
                    PageBookmarks.select(model.trajectories(), PageBookmarks.COUNT, false), runEpisodes),
                    StandardCharsets.UTF_8);
            for (int i = 0; i < model.trajectories().size(); i++) {
                Files.writeString(fresh.resolve(PageScripts.trajectoryFile(i)),
                        PageScripts.trajectory(i, model.trajectories().get(i), k, cells, scale), StandardCharsets.UTF_8);
            }
            replaceFolder(fresh, dir.resolve(assets));
        } finally {
            deleteTree(fresh);
        }
        String html = resource("template.html")
                .replace("{{TITLE}}", escape(model.title()))
                .replace("{{ASSETS}}", assets);
        Path temp = dir.resolve("." + fileName + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            move(temp, dir.resolve(fileName));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void checkRunEpisodes(InterfaceModel model, List<int[]> runEpisodes) {
        if (runEpisodes == null) {
            return;
        }
        if (runEpisodes.size() != model.trajectories().size()) {
            throw new IllegalArgumentException("the interface has " + model.trajectories().size()
                    + " trajectories but " + runEpisodes.size() + " lists of run episode indices; give one per trajectory");
        }
        for (int i = 0; i < runEpisodes.size(); i++) {
            int want = PageScripts.episodes(model.trajectories().get(i));
            if (runEpisodes.get(i) == null || runEpisodes.get(i).length != want) {
                throw new IllegalArgumentException("trajectory " + i + " has " + want + " episodes but "
                        + (runEpisodes.get(i) == null ? "no" : runEpisodes.get(i).length)
                        + " run episode indices; give one per episode, in order");
            }
        }
    }

    /** The assets folder's name for a page file name: {@code interface.html} → {@code interface-assets}. */
    public static String assetsFolder(String fileName) {
        return fileName.substring(0, fileName.length() - ".html".length()) + "-assets";
    }

    private static void replaceFolder(Path fresh, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + "-old-" + Long.toHexString(System.nanoTime()));
            move(target, old);
        }
        move(fresh, target);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = InterfacePage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the page resource " + RESOURCES + name
                        + " is missing from the plugin jar; rebuild the attribution-nmf module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page resource " + name, e);
        }
    }

    private static String escape(String s) {
        return Html.escape(s);
    }
}
