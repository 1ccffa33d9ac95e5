/** Internal: Parquet page codecs (none, snappy, gzip, zstd, LZ4_RAW and Hadoop's LZ4) over direct buffers. */
package org.dlioparquet.core.format.parquet.codec;
