package org.dlioparquet.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(path, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int tolerance = Math.max(2, path.length() / 4);
        return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
