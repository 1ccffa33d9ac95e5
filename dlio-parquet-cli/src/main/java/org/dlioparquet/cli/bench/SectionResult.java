package org.dlioparquet.cli.bench;

import java.util.List;

/** One section of the report: a title, what its figures mean, and its table. */
public record SectionResult(String title, List<String> notes, MarkdownTable table, List<CaseOutcome> outcomes) {
    public SectionResult {
        notes = List.copyOf(notes);
        outcomes = List.copyOf(outcomes);
    }
}
