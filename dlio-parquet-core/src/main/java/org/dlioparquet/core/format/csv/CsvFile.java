package org.dlioparquet.core.format.csv;

import org.dlioparquet.core.spi.SampleFile;

/** An open CSV file, plain or compressed, with what the open scan learned about it. */
interface CsvFile extends SampleFile {
    CsvCodec codec();

    int valuesPerLine();
}
