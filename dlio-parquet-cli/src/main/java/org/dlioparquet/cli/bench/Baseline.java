package org.dlioparquet.cli.bench;

import java.io.IOException;

/** The physical limit a case is compared with, measured in this JVM between the case's repetitions. */
interface Baseline {
    RepMeasure rep() throws IOException;

    /** Builds the baseline once the case's warm-up has run (and, for writes, shown the file sizes). */
    @FunctionalInterface
    interface Factory {
        Baseline create(RepMeasure warmUp) throws IOException;
    }
}
