package org.dlioparquet.cli.bench;

import java.io.IOException;

/** A case's child JVM failed; carries the memory it had used up to then, when it could say. */
final class CaseFailedException extends IOException {
    private final transient ChildMemory memory;

    CaseFailedException(String message, ChildMemory memory) {
        super(message);
        this.memory = memory;
    }

    ChildMemory memory() {
        return memory;
    }
}
