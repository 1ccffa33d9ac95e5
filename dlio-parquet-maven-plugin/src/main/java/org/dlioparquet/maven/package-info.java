/**
 * The Maven plugin's goals ({@code datagen}, {@code run}, {@code validate}): thin Mojos that translate
 * their parameters into the core's model and map failures to {@code MojoFailureException} (a workload
 * or data mistake) or {@code MojoExecutionException} (I/O). Not a library API.
 */
package org.dlioparquet.maven;
