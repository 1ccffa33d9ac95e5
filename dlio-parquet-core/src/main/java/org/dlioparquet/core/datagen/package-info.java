/**
 * Internal: writing a dataset. {@code DatasetGenerator} writes this rank's files on writer threads,
 * each under a temporary name renamed when complete, resumes an interrupted generation (whatever
 * rank count wrote the files before) and refuses files it did not write; {@code GenerationLock}
 * keeps two generations of one rank, and generations of different rank counts, out of one folder;
 * {@code ProgressChannel} reports bytes as they are written.
 */
package org.dlioparquet.core.datagen;
