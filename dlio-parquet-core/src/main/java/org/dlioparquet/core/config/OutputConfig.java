package org.dlioparquet.core.config;

/**
 * The {@code output} section.
 *
 * @param folder            where result files go; {@code null} = the caller's default
 * @param logFile           log file name inside the folder
 * @param excludeStartSteps steps at the start of each block left out of AU and throughput
 * @param excludeEndSteps   steps at the end left out
 */
public record OutputConfig(String folder, String logFile, int excludeStartSteps, int excludeEndSteps) {
}
