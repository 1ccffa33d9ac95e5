"""Writes the pyarrow fixtures of ParquetPageStreamingTest (run by hand: python3 make_fixtures.py).

Every file the page-streaming reader must read the way parquet-java does: no dictionary, PLAIN
values, data page v1 and v2, every codec, nullable columns (and a nullable field of a nullable
struct), small pages (several per chunk, page statistics in the headers, some over 1 KiB) and three row groups.
"""
import pyarrow as pa
import pyarrow.parquet as pq

ROWS = 50


def column(values, every, type):
    return pa.array([None if every and i % every == 0 else v for i, v in enumerate(values)], type=type)


def table():
    r = range(ROWS)
    return pa.table({
        "i8": column([(i * 37) % 256 - 128 for i in r], 5, pa.int8()),
        "u16": column([(i * 7919) % 65536 for i in r], 0, pa.uint16()),
        "i32": column([i * 100003 - 2_000_000 for i in r], 0, pa.int32()),
        "i64": column([i * 10_000_000_019 for i in r], 3, pa.int64()),
        "f16": column([i / 64 for i in r], 4, pa.float16()),
        "f32": column([i / 3 for i in r], 0, pa.float32()),
        "f64": column([i / 7 for i in r], 6, pa.float64()),
        "flag": column([i % 3 == 0 for i in r], 7, pa.bool_()),
        "str": column(["s_%d" % (i * i) for i in r], 4, pa.string()),
        "bin": column([bytes(range(i % 17)) for i in r], 0, pa.binary()),
        # 600-byte strings: page statistics make page headers larger than the reader's first probe
        "long": column([("%03d" % i) * 200 for i in r], 8, pa.string()),
        "fixed": column([bytes([i, i + 1, i + 2]) for i in r], 9, pa.binary(3)),
        "point": pa.StructArray.from_arrays(
            [column([i * 11 for i in r], 2, pa.int32())], names=["x"],
            mask=pa.array([i % 10 == 1 for i in r])),
    })


t = table()
for version in ("1.0", "2.0"):
    for codec in ("none", "snappy", "gzip", "zstd", "lz4"):
        pq.write_table(t, "pyarrow_v%s_%s.parquet" % (version[0], codec), compression=codec,
                       use_dictionary=False, column_encoding="PLAIN", data_page_version=version,
                       data_page_size=64, row_group_size=20, write_statistics=True)
