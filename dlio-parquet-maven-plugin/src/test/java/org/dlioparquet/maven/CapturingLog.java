package org.dlioparquet.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Mojo log that keeps what it was given, as {@code [level] line}. */
final class CapturingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
        lines.add("[info] " + content);
    }

    @Override
    public void warn(CharSequence content) {
        lines.add("[warn] " + content);
    }

    @Override
    public void error(CharSequence content) {
        lines.add("[error] " + content);
    }

    List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }
}
