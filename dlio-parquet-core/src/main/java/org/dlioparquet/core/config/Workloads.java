package org.dlioparquet.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dlioparquet.core.spi.FormatRegistry;

/**
 * Finds a workload by what a user typed: a YAML file, or the bare name of a workload bundled with
 * dlio-parquet ({@code quickstart}, {@code unet3d_small}, ...; the files of this module's {@code org/dlioparquet/core/workloads} resources).
 */
public final class Workloads {
    private static final String RESOURCE_DIR = "/org/dlioparquet/core/workloads/";
    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

    private Workloads() {
    }

    /** The bundled workloads, by name. */
    public static List<String> bundled() {
        try (InputStream in = Workloads.class.getResourceAsStream(RESOURCE_DIR + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The YAML text of a bundled workload. */
    public static Optional<String> bundledText(String name) {
        if (!BARE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = Workloads.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Loads {@code nameOrPath}: a file if one exists there (relative to {@code baseDirectory}),
     * else a bundled workload of that name. Relative folders in the workload resolve against
     * {@code baseDirectory} too: it is given once, for both.
     *
     * @param formats the formats the workload may name (the default registry, or one that also holds
     *                third-party providers)
     * @throws ConfigException when it is neither, or the workload is invalid
     */
    public static WorkloadConfig load(FormatRegistry formats, Path baseDirectory, String nameOrPath,
                                      List<String> overrides) {
        return find(new WorkloadLoader(formats).baseDirectory(baseDirectory), nameOrPath, baseDirectory, overrides);
    }

    private static WorkloadConfig find(WorkloadLoader loader, String nameOrPath, Path baseDirectory,
                                       List<String> overrides) {
        Path file = baseDirectory.resolve(nameOrPath);
        if (Files.isRegularFile(file)) {
            return loader.load(file, overrides);
        }
        Optional<String> text = bundledText(nameOrPath);
        if (text.isPresent()) {
            return loader.load(text.get(), nameOrPath + ".yaml (bundled)", overrides);
        }
        throw new ConfigException(nameOrPath, "no such workload file, and no bundled workload of that name"
                + " (bundled: " + String.join(", ", bundled()) + ")");
    }
}
