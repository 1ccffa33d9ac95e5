package org.dlioparquet.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.Hdf5Config;
import org.dlioparquet.core.config.ParquetConfig;

/** Small dataset configurations for format tests, without going through YAML. */
public final class TestDatasets {
    private FormatType format = FormatType.NPZ;
    private String dataFolder = "data";
    private int numFilesTrain = 2;
    private int numFilesEval = 0;
    private int numSamplesPerFile = 4;
    private double recordLengthBytes = 4096;
    private double recordLengthBytesStdev = 0;
    private List<Integer> recordDims = List.of();
    private ElementType elementType = ElementType.UINT8;
    private Compression compression = Compression.NONE;
    private int compressionLevel = 4;
    private List<ColumnSpec> columns = new ArrayList<>();
    private int rowGroupSize = ParquetConfig.DEFAULT_ROW_GROUP_SIZE;
    private long seed = 10;
    private Hdf5Config hdf5 = Hdf5Config.defaults();

    public static TestDatasets of(FormatType format) {
        TestDatasets t = new TestDatasets();
        t.format = format;
        return t;
    }

    public TestDatasets dataFolder(String v) { dataFolder = v; return this; }
    public TestDatasets files(int train, int eval) { numFilesTrain = train; numFilesEval = eval; return this; }
    public TestDatasets samplesPerFile(int v) { numSamplesPerFile = v; return this; }
    public TestDatasets recordLength(double bytes) { recordLengthBytes = bytes; return this; }
    public TestDatasets recordLengthStdev(double v) { recordLengthBytesStdev = v; return this; }
    public TestDatasets recordDims(Integer... dims) { recordDims = List.of(dims); return this; }
    public TestDatasets elementType(ElementType v) { elementType = v; return this; }
    public TestDatasets compression(Compression v) { compression = v; return this; }
    public TestDatasets compressionLevel(int v) { compressionLevel = v; return this; }
    public TestDatasets column(ColumnSpec c) { columns.add(c); return this; }
    public TestDatasets rowGroupSize(int v) { rowGroupSize = v; return this; }
    public TestDatasets seed(long v) { seed = v; return this; }
    public TestDatasets hdf5(Hdf5Config v) { hdf5 = v; return this; }

    public DatasetConfig build() {
        return new DatasetConfig(format, dataFolder, numFilesTrain, numFilesEval, numSamplesPerFile,
                recordLengthBytes, recordLengthBytesStdev, 0, recordDims, elementType, 0, 0, "img",
                compression, compressionLevel, true,
                new ParquetConfig(columns, rowGroupSize, 0, "row_group", List.of()), 1, seed, hdf5);
    }
}
