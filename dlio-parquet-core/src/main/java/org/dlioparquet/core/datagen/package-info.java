/**
 * Internal: writing a dataset. {@code DatasetGenerator} writes this rank's files on writer threads,
 * each under a temporary name renamed when complete, and resumes an interrupted generation;
 * {@code GenerationLock} keeps two generations out of one folder.
 */
package org.dlioparquet.core.datagen;
