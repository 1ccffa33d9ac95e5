package org.dlioparquet.core.config;

import java.util.List;
import java.util.stream.Collectors;
import org.dlioparquet.core.DlioException;

/**
 * A workload that cannot run. Carries every problem found (all of them are found before any file
 * is touched); the message has one line per problem.
 */
public class ConfigException extends DlioException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String key, String message) {
        this(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, key, message, null)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
