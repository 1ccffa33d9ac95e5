package org.dlioparquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code fio} reading the same files with O_DIRECT, as many jobs as reader threads (job {@code t}
 * reads files {@code t, t+T, ...} front to back, one after the other), each with one
 * {@code psync} read of {@code blockBytes} in flight, as one reader thread of ours has: the rate
 * the storage gives a plain C reader at the same block size and queue depth.
 */
final class FioReads implements Baseline {
    private final List<Path> files;
    private final int jobs;
    private final int blockBytes;
    private final int ioDepth;
    private final Path scratch;
    private final Path report;
    private List<Path> jobFolders;

    FioReads(List<Path> files, int threads, int blockBytes, Path scratch) {
        this(files, threads, blockBytes, 1, scratch);
    }

    /** @param ioDepth reads in flight per job: 1 with {@code psync}, more with {@code libaio} */
    FioReads(List<Path> files, int threads, int blockBytes, int ioDepth, Path scratch) {
        this.ioDepth = ioDepth;
        this.files = List.copyOf(files);
        this.jobs = Math.max(1, Math.min(threads, files.size()));
        this.blockBytes = blockBytes;
        this.scratch = scratch.resolve("fio");
        this.report = this.scratch.resolve("fio.json");
    }

    /**
     * A folder per job holding hard links to its files: fio's {@code opendir} takes any number of
     * files (a {@code filename} list is limited to 4096 characters), and a link reads the same blocks.
     */
    private List<Path> jobFolders() throws IOException {
        if (jobFolders == null) {
            // the previous case's links go: fio would read them too (and they keep deleted datasets alive)
            FileTrees.delete(scratch);
            List<Path> folders = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                Path folder = Files.createDirectories(scratch.resolve("job" + j));
                for (int i = j; i < files.size(); i += jobs) {
                    Files.createLink(folder.resolve(files.get(i).getFileName()), files.get(i));
                }
                folders.add(folder);
            }
            jobFolders = folders;
        }
        return jobFolders;
    }

    /** The one line to print when {@code fio} is not installed, or null when it is. */
    static String missing() {
        try {
            Process p = new ProcessBuilder("fio", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? null : "fio --version failed";
        } catch (IOException e) {
            return "fio is not installed (Debian: apt-get install fio)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public RepMeasure rep() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("fio", "--output-format=json", "--output=" + report));
        List<Path> folders = jobFolders();
        for (int j = 0; j < jobs; j++) {
            cmd.addAll(List.of("--name=reader" + j, "--opendir=" + folders.get(j), "--rw=read",
                    "--bs=" + blockBytes, "--direct=1", "--ioengine=" + (ioDepth > 1 ? "libaio" : "psync"),
                    "--iodepth=" + ioDepth,
                    "--file_service_type=sequential"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("fio failed: " + out.lines().findFirst().orElse("exit " + p.exitValue()));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fio ran", e);
        }
        String json = Files.readString(report);
        // fio writes notes ("opendir added 8 files") before the JSON
        return measure(new ObjectMapper().readTree(json.substring(Math.max(0, json.indexOf('{')))));
    }

    /**
     * All jobs' bytes over the slowest job's read time (fio reports it in milliseconds), and their
     * read requests ({@link EpochWork#REQUESTS}).
     */
    static RepMeasure measure(JsonNode fio) throws IOException {
        long bytes = 0;
        long millis = 0;
        long requests = 0;
        for (JsonNode job : fio.path("jobs")) {
            JsonNode read = job.path("read");
            if (job.path("error").asInt() != 0) {
                throw new IOException("fio job " + job.path("jobname").asText() + " failed with error "
                        + job.path("error").asInt());
            }
            bytes += read.path("io_bytes").asLong();
            requests += read.path("total_ios").asLong();
            millis = Math.max(millis, read.path("runtime").asLong());
        }
        if (bytes == 0) {
            throw new IOException("fio read nothing");
        }
        Map<String, Double> m = new HashMap<>(RepMeasure.throughput(bytes, Math.max(1, millis) / 1e3).values());
        m.put(EpochWork.REQUESTS, (double) requests);
        return RepMeasure.of(m);
    }
}
