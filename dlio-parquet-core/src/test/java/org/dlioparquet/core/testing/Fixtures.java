package org.dlioparquet.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared fixture files ({@code ../shared/fixtures} beside the checkout). Surefire passes the
 * location as {@code dlio.fixtures}; otherwise it is found by walking up from the working directory.
 * A missing fixture folder fails the test: interop claims must not pass by skipping.
 */
public final class Fixtures {
    private static JsonNode expectations;

    private Fixtures() {
    }

    public static Path root() {
        String prop = System.getProperty("dlio.fixtures");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/fixtures").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared fixtures not found: expected ../shared/fixtures next to the checkout");
    }

    /**
     * {@code interop/expectations.json}: what the interop fixtures hold (sums, first values,
     * hashes) as the Python that wrote them computed it. Parsed once per test JVM.
     */
    public static synchronized JsonNode expectations() throws IOException {
        if (expectations == null) {
            expectations = new ObjectMapper().readTree(file("interop/expectations.json").toFile());
        }
        return expectations;
    }

    /** A fixture file by its path below {@code fixtures/}, e.g. {@code interop/npz/dlio_savez_uint8.npz}. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return p;
    }
}
