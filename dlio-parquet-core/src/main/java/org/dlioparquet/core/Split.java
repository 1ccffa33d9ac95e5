package org.dlioparquet.core;

/** The two halves of a DLIO dataset and the folder each lives in. */
public enum Split {
    TRAIN("train"),
    EVAL("valid");

    private final String folder;

    Split(String folder) {
        this.folder = folder;
    }

    /** Folder name below the data folder: {@code train} or {@code valid}. */
    public String folder() {
        return folder;
    }
}
