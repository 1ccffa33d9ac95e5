package org.dlioparquet.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Workload overrides in DLIO's plain spelling ({@code key=value}, values are YAML). */
final class Overrides {
    private final List<String> list = new ArrayList<>();

    Overrides() {
    }

    Overrides(List<String> start) {
        list.addAll(start);
    }

    Overrides put(String key, Object value) {
        list.add(key + "=" + value);
        return this;
    }

    /** A path, single-quoted so that YAML reads it as a string whatever it contains. */
    Overrides path(String key, Path value) {
        return put(key, "'" + value.toAbsolutePath().toString().replace("'", "''") + "'");
    }

    /** One training epoch over the existing dataset, no emulated compute, results in {@code output}. */
    Overrides trainOneEpoch(Path output) {
        put("workflow.generate_data", "False");
        put("workflow.train", "True");
        put("workflow.evaluation", "False");
        put("train.epochs", 1);
        put("train.computation_time", 0);
        return path("output.folder", output);
    }

    List<String> list() {
        return List.copyOf(list);
    }
}
