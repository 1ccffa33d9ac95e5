package org.dlioparquet.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlioparquet.core.internal.Spelling;

/** Finds the known key a misspelt or misplaced one most likely meant. */
final class KeySuggestions {
    private KeySuggestions() {
    }

    static Optional<String> nearest(String path) {
        List<String> candidates = new ArrayList<>(WorkloadSchema.keyPaths());
        candidates.addAll(WorkloadSchema.sectionPaths());
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        // the right key in the wrong section (dataset.batch_size -> reader.batch_size) beats spelling
        for (String c : WorkloadSchema.keyPaths()) {
            if (c.substring(c.lastIndexOf('.') + 1).equals(leaf) && !c.equals(path)) {
                return Optional.of(c);
            }
        }
        return Spelling.nearest(path, candidates);
    }
}
