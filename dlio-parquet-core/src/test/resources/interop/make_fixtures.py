#!/usr/bin/env python3
"""Writes the interop fixtures of the tfrecord, hdf5, jpeg/png and indexed_binary formats with the
real libraries, the way DLIO's generators call them, and expectations.json with what each sample
holds (sha256 of the bytes a reader must hand out). Run once from this folder:

    pip install tensorflow-cpu h5py pillow numpy     # h5py with HDF5 1.14 (h5py 3.14)
    python3 make_fixtures.py                         # everything but hdf5/latest_v5.hdf5
    python3 make_fixtures.py --latest                # with h5py 3.16 (HDF5 2.0): hdf5/latest_v5.hdf5

Versions used: tensorflow-cpu 2.21.0, h5py 3.14.0 (HDF5 1.14.6) and 3.16.0 (HDF5 2.0.0),
pillow 12.3.0, numpy 2.4.6.
"""
import hashlib
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def sha(b):
    return hashlib.sha256(bytes(b)).hexdigest()


def tfrecord(expect):
    import tensorflow as tf
    rng = np.random.default_rng(7)
    out = {}
    for name, dtype, shape in (("uint8", np.uint8, (8, 8)), ("float32", np.float32, (4, 5))):
        folder = os.path.join(HERE, "tfrecord", name)
        path = os.path.join(folder, "train", "img_0_of_1.tfrecord")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        samples = []
        with tf.io.TFRecordWriter(path) as writer:  # tf_generator.py
            for _ in range(3):
                record = (rng.random(shape, dtype=np.float32) * 255).astype(dtype) if dtype == np.uint8 \
                    else rng.random(shape, dtype=np.float32)
                img = record.tobytes()
                samples.append(sha(img))
                size = int(np.prod(shape)) * np.dtype(dtype).itemsize
                example = tf.train.Example(features=tf.train.Features(feature={
                    'image': tf.train.Feature(bytes_list=tf.train.BytesList(value=[img])),
                    'size': tf.train.Feature(int64_list=tf.train.Int64List(value=[size]))}))
                writer.write(example.SerializeToString())
        index = os.path.join(folder, "index", "train", "img_0_of_1.tfrecord.idx")
        os.makedirs(os.path.dirname(index), exist_ok=True)
        with open(path, "rb") as f, open(index, "w") as idx:  # tf_generator.create_index_file
            while True:
                current = f.tell()
                byte_len = f.read(8)
                if len(byte_len) == 0:
                    break
                f.read(4)
                proto_len = struct.unpack("q", byte_len)[0]
                f.read(proto_len)
                f.read(4)
                idx.write(f"{current} {f.tell() - current}\n")
        out["tfrecord/" + name + "/train/img_0_of_1.tfrecord"] = {"samples": 3, "sha256": samples,
                                                                  "sample_bytes": size}
    expect.update(out)


def hdf5(expect):
    import h5py
    rng = np.random.default_rng(11)
    os.makedirs(os.path.join(HERE, "hdf5"), exist_ok=True)
    cases = {
        "contiguous_uint8.hdf5": dict(shape=(4, 8, 8), dtype=np.uint8, kwargs={}, k=1),
        "gzip_float32.hdf5": dict(shape=(3, 6, 5), dtype=np.float32, kwargs=dict(compression="gzip",
                                  compression_opts=4, chunks=(1, 6, 5)), k=1),
        "lzf_chunks_uint16.hdf5": dict(shape=(5, 7, 6), dtype=np.uint16, kwargs=dict(compression="lzf",
                                       chunks=(2, 4, 4)), k=1),
        "two_dsets_uint8.hdf5": dict(shape=(3, 4, 6), dtype=np.uint8, kwargs={}, k=2),
    }
    for name, c in cases.items():
        shape, dtype = c["shape"], c["dtype"]
        if np.issubdtype(dtype, np.integer):
            records = (rng.random(shape, dtype=np.float32) * np.iinfo(dtype).max).astype(dtype)
        else:
            records = rng.random(shape, dtype=np.float32).astype(dtype)
        path = os.path.join(HERE, "hdf5", name)
        with h5py.File(path, "w", libver=("earliest", "v114")) as hf:  # hdf5_generator.py, readable libver
            for j in range(c["k"]):
                hf.create_dataset(f"records_{j}", shape, dtype=dtype, data=records, **c["kwargs"])
            hf.create_dataset("labels", data=[0] * shape[0])
        expect["hdf5/" + name] = {"samples": shape[0], "datasets": c["k"],
                                  "sha256": [sha(records[i].astype(records.dtype.newbyteorder("<")).tobytes())
                                             for i in range(shape[0])]}


def hdf5_latest():
    import h5py
    assert h5py.version.hdf5_version.startswith("2."), "needs h5py built on HDF5 2.x"
    path = os.path.join(HERE, "hdf5", "latest_v5.hdf5")
    with h5py.File(path, "w", libver="latest") as hf:  # exactly what DLIO's generator asks for
        # HDF5 2.0 writes layout message version 5 for filtered chunks (contiguous data still gets version 3)
        hf.create_dataset("records_0", (2, 4, 4), dtype=np.uint8, data=np.arange(32, dtype=np.uint8).reshape(2, 4, 4),
                          compression="gzip", compression_opts=4, chunks=(1, 4, 4))
        hf.create_dataset("labels", data=[0, 0])


def images(expect):
    from PIL import Image
    os.makedirs(os.path.join(HERE, "image"), exist_ok=True)
    np.random.seed(10)  # jpeg_generator.py / png_generator.py
    for fmt in ("PNG", "JPEG"):
        records = np.random.randint(255, size=(12, 16), dtype=np.uint8)
        img = Image.fromarray(records)
        name = "img_0_of_1." + fmt.lower()
        path = os.path.join(HERE, "image", name)
        img.save(path, format=fmt, bits=8)
        decoded = np.asarray(Image.open(path))  # image_reader.py
        with open(path, "rb") as f:
            raw = f.read()
        expect["image/" + name] = {"file_sha256": sha(raw), "height": 12, "width": 16,
                                   "pil_pixels_hex": decoded.tobytes().hex(),
                                   "source_pixels_hex": records.tobytes().hex()}


def indexed_binary(expect):
    os.makedirs(os.path.join(HERE, "indexed_binary"), exist_ok=True)
    np.random.seed(10)
    sample_size, n = 10, 4
    path = os.path.join(HERE, "indexed_binary", "img_0_of_1.indexed_binary")
    records = np.random.randint(255, size=sample_size * n, dtype=np.uint8)
    with open(path, "wb") as data, open(path + ".off.idx", "wb") as off, open(path + ".sz.idx", "wb") as sz:
        data.write(struct.pack("B" * len(records), *records))  # indexed_binary_generator.py, serial path
        off.write(struct.pack("Q" * n, *range(0, sample_size * n, sample_size)))
        sz.write(struct.pack("Q" * n, *([sample_size] * n)))
    expect["indexed_binary/img_0_of_1.indexed_binary"] = {
        "samples": n, "sha256": [sha(records[i * sample_size:(i + 1) * sample_size]) for i in range(n)]}


def main():
    if "--latest" in sys.argv:
        hdf5_latest()
        return
    expect = {}
    tfrecord(expect)
    hdf5(expect)
    images(expect)
    indexed_binary(expect)
    with open(os.path.join(HERE, "expectations.json"), "w") as f:
        json.dump(expect, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
