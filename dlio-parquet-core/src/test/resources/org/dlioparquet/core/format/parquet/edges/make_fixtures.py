"""Writes the Parquet edge-case fixtures of ParquetCorruptFilesTest (run from this folder).

pyarrow_zero_rows.parquet: a valid file of DLIO's blob schema with no rows, as pyarrow writes an
empty table: one row group of 0 rows whose column chunks have data_page_offset 0.
"""
import pyarrow as pa
import pyarrow.parquet as pq

table = pa.table({"data": pa.array([], pa.binary()), "label": pa.array([], pa.int64())})
pq.write_table(table, "pyarrow_zero_rows.parquet", compression="none")
