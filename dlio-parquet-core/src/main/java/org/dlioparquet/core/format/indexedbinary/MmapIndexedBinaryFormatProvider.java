package org.dlioparquet.core.format.indexedbinary;

import org.dlioparquet.core.FormatType;

/** DLIO's {@code mmap_indexed_binary}: the indexed-binary files, read through memory maps as DLIO's np.memmap reader does. */
public final class MmapIndexedBinaryFormatProvider extends IndexedBinaryFormatProvider {
    @Override
    public FormatType format() {
        return FormatType.MMAP_INDEXED_BINARY;
    }

    @Override
    boolean mapped() {
        return true;
    }
}
