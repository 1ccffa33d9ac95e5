package org.dlioparquet.core.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}, or {@code DLIO_CHROMIUM}) run as a person would
 * open a page: a fresh profile each time, no network services, its console written to stderr.
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 180;

    private final Path executable;
    private final Path work;

    /** What one run of the browser printed: stdout (the DOM, for {@code --dump-dom}) and stderr (its log). */
    record Output(String stdout, String stderr) {
    }

    private Chromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /** The browser, or null when none is installed. */
    static Chromium find(Path work) {
        String env = System.getenv("DLIO_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return new Chromium(Path.of(env), work);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new Chromium(p, work);
                }
            }
        }
        return null;
    }

    /** The page's DOM after its scripts ran (up to 10 s of page time), and the console lines. */
    Output dumpDom(Path page) throws IOException, InterruptedException {
        return run("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
                page.toUri().toString());
    }

    /** A PNG of the page at {@code width} x {@code height} CSS pixels. */
    Output screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        return run("--hide-scrollbars", "--window-size=" + width + "," + height, "--virtual-time-budget=10000",
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
    }

    private Output run(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
        }
        return new Output(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
