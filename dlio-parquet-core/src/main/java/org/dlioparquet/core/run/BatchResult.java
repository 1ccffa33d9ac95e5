package org.dlioparquet.core.run;

/**
 * What loading one batch cost.
 *
 * @param storageBytes bytes read from storage (as the format's reader counted them)
 * @param payloadBytes bytes of decoded sample values delivered
 * @param samples      samples delivered
 * @param skipped      samples not delivered because their file is corrupt and {@code on_error: skip}
 * @param filesReadAgain files opened again in this phase (closed before by the reader's budget)
 */
record BatchResult(long storageBytes, long payloadBytes, int samples, int skipped, int filesReadAgain) {
}
