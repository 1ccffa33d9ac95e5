"""Writes the CSV edge-case fixtures of CsvBadFilesTest (run from this folder).

pandas_header_index.csv: what pandas writes by default (DataFrame.to_csv with its header line and
its index column), where DLIO's CSV has neither.
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
pd.DataFrame(rng.integers(0, 256, size=(4, 16), dtype=np.uint8)).to_csv("pandas_header_index.csv")
