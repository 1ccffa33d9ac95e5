/**
 * Internal: the Parquet format provider. Blob layout ({@code data} + {@code label}) and the DLIO fork's
 * column schema, written page by page ({@code RawParquetWriter}) or through parquet-java for list
 * columns; read page by page straight from storage for flat PLAIN columns ({@code StreamedRowGroups}),
 * otherwise through parquet-java one row group at a time ({@code DecodedRowGroups}). Public classes
 * are public for the provider's {@link java.util.ServiceLoader} registration and for tests only.
 */
package org.dlioparquet.core.format.parquet;
