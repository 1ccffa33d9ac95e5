package org.dlioparquet.core.storage;

/** Where {@link ReadObserver#install} keeps each thread's observer. */
final class ReadObservers {
    static final ThreadLocal<ReadObserver> CURRENT = new ThreadLocal<>();

    private ReadObservers() {
    }
}
