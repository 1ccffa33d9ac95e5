"""pyarrow's decode rate on one file, the figure RealWorldParquetBench is compared with.

  python3 pyarrow_rate.py FILE [columns=all|dlrm27|a,b,c] [reps=5] [batch_rows=65536]

Reads the file with ParquetFile.iter_batches(columns=..., use_threads=False) and turns each column
of each batch into numpy (Array.to_numpy(zero_copy_only=False); list columns: their flattened
values), as a Python data loader would; prints the median rows/s per wall second and per CPU
second over the repetitions (the first one is dropped) and the MiB/s of the numpy arrays.
"""
import statistics
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq


def main():
    path = sys.argv[1]
    cols = sys.argv[2] if len(sys.argv) > 2 else "all"
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 65536
    names = pq.ParquetFile(path).schema_arrow.names
    columns = (["label"] + ["dense_%d" % i for i in range(13)] + ["cat_%d" % i for i in range(13)]
               if cols == "dlrm27" else names if cols == "all" else cols.split(","))
    walls, cpus, mibs = [], [], []
    rows = 0
    for r in range(reps + 1):
        t, c = time.perf_counter(), time.process_time()
        rows, nbytes = 0, 0
        for b in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=columns, use_threads=False):
            for col in b.columns:
                if pa.types.is_list(col.type) or pa.types.is_large_list(col.type) \
                        or pa.types.is_fixed_size_list(col.type):
                    a = col.flatten().to_numpy(zero_copy_only=False)
                    nbytes += a.nbytes
                elif pa.types.is_binary(col.type) or pa.types.is_large_binary(col.type):
                    a = col.to_numpy(zero_copy_only=False)
                    nbytes += sum(len(x) for x in a if x is not None)
                else:
                    nbytes += col.to_numpy(zero_copy_only=False).nbytes
            rows += b.num_rows
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        if r:
            walls.append(rows / wall)
            cpus.append(rows / cpu)
            mibs.append(nbytes / wall / 2 ** 20)
    print("%s [pyarrow %s, %d columns, batch %d]: median %.4g rows/s (%.4g-%.4g), per CPU second %.4g rows/s, "
          "%.0f MiB/s of values" % (path.split("/")[-1], pa.__version__, len(columns), batch,
                                    statistics.median(walls), min(walls), max(walls), statistics.median(cpus),
                                    statistics.median(mibs)))


if __name__ == "__main__":
    main()
