/**
 * {@code report.html}: one self-contained page (charts drawn by the inlined uPlot, the same charts
 * as static SVG for readers without JavaScript, data embedded as JSON) built from what a run wrote
 * in its output folder, for one run or two runs side by side.
 *
 * <p>API: {@link org.dlioparquet.core.report.RunReport}, what the command line, the Maven plugin
 * and the runner call. Internal: everything else, public only for the library's own packages.
 */
package org.dlioparquet.core.report;
