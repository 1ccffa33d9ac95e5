/**
 * Internal: the dataset on disk, shared by generation and runs. Its layout and DLIO's file names
 * ({@code DatasetLayout}), the plan of every file's shape, samples and seed ({@code DatasetPlan},
 * {@code WorkloadDataset}, {@code DatasetSizing}, {@code NumpyLegacyRandom}), the manifest and its
 * journal ({@code DatasetManifest}, {@code ManifestJournal}, {@code ConfigFingerprint}, {@code Crc32c}),
 * and the checks of a dataset against its workload ({@code DatasetCheck}, {@code ManifestCheck},
 * {@code DatasetValidator}, {@code DatasetRemoval}).
 */
package org.dlioparquet.core.dataset;
