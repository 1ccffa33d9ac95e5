"""Parquet files as real writers produce them, for the page decoder's tests and for hand-run benchmarks.

  python3 make_fixtures.py                       writes the small test fixtures beside this script
  python3 make_fixtures.py --bench DIR [--rows N] writes benchmark-sized files into DIR (not committed)

Needs pyarrow, numpy and duckdb (tested with pyarrow 25.0.1, numpy 2.4.6, duckdb 1.5.6). Values
come from fixed seeds, so a rerun with the same versions writes the same files.

Fixtures (each file small; together they cover what pyarrow, DuckDB and the MLCommons DLIO fork write):
  dlrm_pyarrow_v{1,2}_{codec}.parquet  40 DLRM-like columns (label, 13 dense float32, 26 categorical
      int64/int32 of mixed cardinality, a boolean), nulls in most columns, pyarrow's defaults
      (dictionary pages, RLE_DICTIONARY indices) but tiny pages and dictionary pages, so chunks hold
      several data pages and high-cardinality chunks fall back from dictionary to PLAIN mid-chunk
  blobs_pyarrow_v{1,2}_{codec}.parquet  what blob datasets look like: the fork's legacy
      fixed_size_list<uint8> sample column, variable list<uint8> with null and empty lists and null
      elements, large_binary, binary, list<float>, list<string>, list<list<int32>>; tiny pages and
      small write batches, so with v1 pages rows span page boundaries
  expected.json                        for the list<uint8> columns of the blob files, which parquet-java
      1.18.1 cannot read (it fails with "Reading past RLE/BitPacking stream" on pages that lie inside
      one row), the SHA-256 of the pieces a reader must deliver, as pyarrow reads the values
  duckdb_{codec}.parquet               DuckDB's defaults (PLAIN_DICTIONARY or PLAIN), nulls, lists
  duckdb_v2_zstd.parquet               DuckDB with PARQUET_VERSION v2 (DELTA_BINARY_PACKED,
      DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT): read by parquet-java, not the page decoder
"""
import argparse
import hashlib
import json
import os

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
CODECS = ("none", "snappy", "gzip", "zstd", "lz4")
# categorical cardinalities: Criteo-like mix of tiny, medium and near-unique columns
CARDINALITIES = [3, 4, 10, 24, 100, 300, 1000, 2000, 5000, 10000, 30000, 100000, 1_000_000,
                 5_000_000, 10_000_000, 40_000_000, 7, 15, 60, 500, 3000, 20000, 200000, 2_000_000,
                 8_000_000, 30_000_000]


def masked(rng, values, null_fraction, type):
    mask = rng.random(len(values)) < null_fraction if null_fraction > 0 else None
    return pa.array(values, type=type, mask=mask)


def dlrm_table(rows, seed):
    rng = np.random.default_rng(seed)
    cols = {"label": pa.array(rng.integers(0, 2, rows, dtype=np.int8))}
    for i in range(13):
        # Criteo dense features: counts, often missing; log-normal-ish floats with repeats
        values = np.floor(rng.lognormal(1.0 + i / 4, 1.5, rows) * (4 if i % 3 else 1)).astype(np.float32)
        if i % 4 == 3:
            values = rng.random(rows, dtype=np.float32)  # continuous: nearly unique
        cols["dense_%d" % i] = masked(rng, values, (0.0, 0.05, 0.3, 0.6)[i % 4], pa.float32())
    for i, card in enumerate(CARDINALITIES):
        # skewed ids (Zipf-like), hashed into a large range as preprocessed DLRM data is
        ids = (rng.zipf(1.3, rows) % card) * 2654435761 % (1 << 40)
        type = pa.int32() if i >= 20 else pa.int64()
        if i >= 20:
            ids = ids % (1 << 31)
        cols["cat_%d" % i] = masked(rng, ids, (0.0, 0.02, 0.2)[i % 3], type)
    cols["flag"] = masked(rng, rng.random(rows) < 0.3, 0.1, pa.bool_())
    return pa.table(cols)


def blobs_table(rows, seed, sample_bytes):
    rng = np.random.default_rng(seed)
    fixed = rng.integers(0, 256, rows * sample_bytes, dtype=np.uint8)
    data = pa.FixedSizeListArray.from_arrays(pa.array(fixed, pa.uint8()), sample_bytes)

    def var_list(i):
        if i % 7 == 3:
            return None
        if i % 11 == 5:
            return []
        n = int(rng.integers(1, 2 * sample_bytes))
        v = rng.integers(0, 256, n).tolist()
        if i % 5 == 1:
            v[n // 2] = None
        return v

    var = pa.array([var_list(i) for i in range(rows)], pa.list_(pa.uint8()))
    big = pa.array([None if i % 9 == 4 else rng.bytes(int(rng.integers(0, 3 * sample_bytes)))
                    for i in range(rows)], pa.large_binary())
    binary = pa.array([None if i % 6 == 2 else rng.bytes(int(rng.integers(0, sample_bytes)))
                       for i in range(rows)], pa.binary())
    floats = pa.array([None if i % 8 == 6 else [None if (i + j) % 13 == 0 else float(j) / (i + 1)
                                                for j in range(i % 9)] for i in range(rows)],
                      pa.list_(pa.float32()))
    strs = pa.array([None if i % 10 == 9 else ["s%d" % (j * i % 5) for j in range(i % 4)]
                     for i in range(rows)], pa.list_(pa.string()))
    nested = pa.array([None if i % 12 == 7 else [None if j == 1 else [i * j + k for k in range(j)]
                                                 for j in range(i % 4)] for i in range(rows)],
                      pa.list_(pa.list_(pa.int32())))
    label = pa.array(np.arange(rows, dtype=np.int64))
    return pa.table({"data": data, "var": var, "big": big, "bin": binary, "floats": floats,
                     "strs": strs, "nested": nested, "label": label})


def write_pyarrow(table, path, version, codec, **kw):
    pq.write_table(table, path, compression=codec, data_page_version=version, **kw)


def duckdb_copy(table, path, options):
    con = duckdb.connect()
    con.register("t", table)
    con.execute("COPY (SELECT * FROM t) TO '%s' (FORMAT parquet, %s)" % (path, options))
    con.close()


def uint8_list_pieces(values):
    """The pieces of a list<uint8> column, one line each: 'row:hex', 'row:' (empty list), 'row:null'.

    A null list or element is a null piece; the consecutive elements between nulls are one piece."""
    lines = []
    for row, v in enumerate(values):
        if v is None:
            lines.append("%d:null" % row)
            continue
        if len(v) == 0:
            lines.append("%d:" % row)
            continue
        run = []
        for x in v:
            if x is None:
                if run:
                    lines.append("%d:%s" % (row, bytes(run).hex()))
                    run = []
                lines.append("%d:null" % row)
            else:
                run.append(x)
        if run:
            lines.append("%d:%s" % (row, bytes(run).hex()))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def fixtures():
    dlrm = dlrm_table(600, 20250101)
    blobs = blobs_table(40, 20250102, 120)
    expected = {}
    for version in ("1.0", "2.0"):
        for codec in CODECS:
            write_pyarrow(dlrm, os.path.join(HERE, "dlrm_pyarrow_v%s_%s.parquet" % (version[0], codec)),
                          version, codec, row_group_size=256, data_page_size=512,
                          dictionary_pagesize_limit=256, write_batch_size=64)
            name = "blobs_pyarrow_v%s_%s.parquet" % (version[0], codec)
            write_pyarrow(blobs, os.path.join(HERE, name), version, codec, row_group_size=16, data_page_size=256,
                          write_batch_size=50)
            read = pq.read_table(os.path.join(HERE, name), columns=["data", "var"])
            expected[name] = {c: uint8_list_pieces(read.column(c).to_pylist()) for c in ("data", "var")}
    mixed = pa.table({**{c: dlrm.column(c).slice(0, 300) for c in ("label", "dense_0", "dense_2", "cat_0", "cat_8", "cat_21",
                                                          "flag")},
                      **{c: blobs.column(c).take(pa.array(np.arange(300) % 40))
                         for c in ("var", "bin", "floats", "strs")}})
    for codec in CODECS:
        duckdb_copy(mixed, os.path.join(HERE, "duckdb_%s.parquet" % codec),
                    "COMPRESSION %s, ROW_GROUP_SIZE 256" % ("uncompressed" if codec == "none" else codec))
    duckdb_copy(mixed, os.path.join(HERE, "duckdb_v2_zstd.parquet"),
                "COMPRESSION zstd, ROW_GROUP_SIZE 256, PARQUET_VERSION v2")
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


def bench(folder, rows):
    os.makedirs(folder, exist_ok=True)
    dlrm = dlrm_table(rows, 7)
    # the fork writes its files with pyarrow's defaults except the row group size
    pq.write_table(dlrm, os.path.join(folder, "dlrm_v1_snappy.parquet"), row_group_size=65536)
    pq.write_table(dlrm, os.path.join(folder, "dlrm_v2_zstd.parquet"), row_group_size=65536,
                   data_page_version="2.0", compression="zstd")
    duckdb_copy(dlrm, os.path.join(folder, "dlrm_duckdb.parquet"), "COMPRESSION snappy, ROW_GROUP_SIZE 65536")
    # the fork's legacy blob layout: 1 MiB fixed_size_list<uint8> samples, pyarrow defaults
    samples = 256
    blob = pa.FixedSizeListArray.from_arrays(
        pa.array(np.random.default_rng(8).integers(0, 256, samples << 20, dtype=np.uint8)), 1 << 20)
    blobs = pa.table({"data": blob})
    pq.write_table(blobs, os.path.join(folder, "blob_list_uint8.parquet"), row_group_size=16, compression=None)
    big = pa.table({"data": pa.array([bytes(b) for b in np.split(
        np.random.default_rng(9).integers(0, 256, samples << 20, dtype=np.uint8), samples)], pa.large_binary())})
    pq.write_table(big, os.path.join(folder, "blob_large_binary.parquet"), row_group_size=16, compression=None)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--bench", metavar="DIR")
    p.add_argument("--rows", type=int, default=2_097_152)
    a = p.parse_args()
    if a.bench:
        bench(a.bench, a.rows)
    else:
        fixtures()
