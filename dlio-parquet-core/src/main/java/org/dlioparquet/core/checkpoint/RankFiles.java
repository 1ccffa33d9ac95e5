package org.dlioparquet.core.checkpoint;

import java.util.List;

/** The files one rank writes in each checkpoint, in the order it writes them (model, then optimizer). */
public record RankFiles(int rank, List<CheckpointFile> files) {
    public RankFiles {
        files = List.copyOf(files);
    }

    public long bytes() {
        return files.stream().mapToLong(CheckpointFile::bytes).sum();
    }

    public long bytes(StatePart part) {
        return files.stream().filter(f -> f.part() == part).mapToLong(CheckpointFile::bytes).sum();
    }
}
