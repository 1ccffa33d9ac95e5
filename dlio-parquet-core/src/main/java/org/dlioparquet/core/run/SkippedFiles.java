package org.dlioparquet.core.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dlioparquet.core.DataFileException;

/** Files a run gave up on ({@code reader.on_error: skip}), with the first reason for each. */
final class SkippedFiles {
    private final Map<Path, String> files = new ConcurrentHashMap<>();

    boolean contains(Path file) {
        return files.containsKey(file);
    }

    /** @return true the first time this file is skipped */
    boolean add(DataFileException e) {
        return files.putIfAbsent(e.file(), e.reason()) == null;
    }

    Map<Path, String> asMap() {
        return Map.copyOf(files);
    }
}
