/**
 * The {@code dlio-parquet} command line: picocli commands that translate what was typed into the
 * core's model and call the facade. Only {@code DlioParquetCli.main} calls {@code System.exit}.
 * Not a library API.
 */
package org.dlioparquet.cli;
