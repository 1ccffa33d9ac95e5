package org.dlioparquet.core.config;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.config.ConfigProblem.Severity;

/** Collects problems while a workload is read, so that all of them are reported at once. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    /** @param source where the value came from ({@code workload.yaml line 7}), or {@code null} */
    void error(String key, String message, String source) {
        list.add(new ConfigProblem(Severity.ERROR, key, message, source));
    }

    void warning(String key, String message, String source) {
        list.add(new ConfigProblem(Severity.WARNING, key, message, source));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    List<ConfigProblem> errors() {
        return list.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    List<ConfigProblem> warnings() {
        return list.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }
}
