package org.dlioparquet.core.config;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.config.ConfigProblem.Severity;
import org.dlioparquet.core.spi.ProblemReporter;

/** Collects problems while a workload is read, so that all of them are reported at once. */
final class Problems implements ProblemReporter {
    private final List<ConfigProblem> list = new ArrayList<>();
    private String defaultSource;

    /** The source named in problems that do not give their own (e.g. a provider's checks). */
    void defaultSource(String source) {
        this.defaultSource = source;
    }

    @Override
    public void error(String key, String message) {
        list.add(new ConfigProblem(Severity.ERROR, key, message, defaultSource));
    }

    @Override
    public void warning(String key, String message) {
        list.add(new ConfigProblem(Severity.WARNING, key, message, defaultSource));
    }

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
