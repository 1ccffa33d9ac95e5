package org.dlioparquet.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dlioparquet.core.spi.FormatRegistry;

/**
 * Reads DLIO workload YAML and DLIO-style overrides into a validated {@link WorkloadConfig}.
 *
 * <p>Every problem is collected before anything is reported, and reported with its key path, the
 * reason and where the value came from; unknown keys name the nearest known key. Nothing here
 * touches the dataset: it is safe to call before deciding to write anything.
 */
public final class WorkloadLoader {
    /**
     * Largest workload file read, in bytes. DLIO's own workloads are a few kilobytes; a bigger file
     * is refused before it is read, so that no file can make parsing take minutes or gigabytes.
     */
    public static final int MAX_WORKLOAD_BYTES = 256 << 10;

    private final FormatRegistry registry;
    private Path baseDirectory = Path.of("");

    /** A loader that knows the formats on dlio-parquet's own class path. */
    public WorkloadLoader() {
        this(FormatRegistry.loadDefault());
    }

    public WorkloadLoader(FormatRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Directory that relative {@code storage_root}, {@code data_folder} and {@code output.folder} resolve against. */
    public WorkloadLoader baseDirectory(Path dir) {
        this.baseDirectory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    public FormatRegistry registry() {
        return registry;
    }

    /**
     * Loads a workload file and applies overrides in order.
     *
     * @throws ConfigException listing every problem, including an unreadable file
     */
    public WorkloadConfig load(Path yamlFile, List<String> overrides) {
        String text;
        try {
            long size = Files.size(yamlFile);
            if (size > MAX_WORKLOAD_BYTES) {
                throw tooLarge(yamlFile.toString(), size + " bytes");
            }
            text = Files.readString(yamlFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(yamlFile.toString(), "workload file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(yamlFile.toString(), "workload file is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(yamlFile.toString(), "cannot read workload file: " + e.getMessage());
        }
        return load(text, yamlFile.getFileName().toString(), overrides);
    }

    /**
     * Loads workload YAML text; {@code sourceName} labels it in messages.
     *
     * @throws ConfigException listing every problem
     */
    public WorkloadConfig load(String yamlText, String sourceName, List<String> overrides) {
        if (yamlText.length() > MAX_WORKLOAD_BYTES) {
            throw tooLarge(sourceName, yamlText.length() + " characters");
        }
        Problems problems = new Problems();
        RawWorkload raw = new RawWorkload(problems);
        try {
            YamlValues.Document doc = YamlValues.parseDocument(yamlText);
            raw.addTree(doc.tree(), doc.lines(), sourceName);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sourceName, e.getMessage());
        }
        for (String o : RawWorkload.overridesOf(overrides)) {
            raw.applyOverride(o);
        }
        return WorkloadResolver.resolve(raw, problems, registry, baseDirectory);
    }

    private static ConfigException tooLarge(String source, String size) {
        return new ConfigException(source, "workload file of " + size + " is larger than the " + MAX_WORKLOAD_BYTES
                + " bytes a workload may have (DLIO's are a few kilobytes); is it the right file?");
    }

    /**
     * DLIO's defaults plus overrides, without a file.
     *
     * @throws ConfigException listing every problem
     */
    public WorkloadConfig fromOverrides(List<String> overrides) {
        return load("", "defaults", overrides);
    }

    /** Keys given as a map (the Java builder's path). */
    WorkloadConfig fromKeys(Map<String, Object> keys, String sourceName) {
        Problems problems = new Problems();
        RawWorkload raw = new RawWorkload(problems);
        keys.forEach((k, v) -> raw.set(k, v, sourceName));
        return WorkloadResolver.resolve(raw, problems, registry, baseDirectory);
    }
}
