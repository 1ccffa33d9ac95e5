package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.dlioparquet.core.checkpoint.CheckpointFile;
import org.dlioparquet.core.checkpoint.CheckpointPlan;
import org.dlioparquet.core.checkpoint.CheckpointTesting;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.config.Workloads;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DLIO's S3 workloads and a Parquet one, generated into and trained from a real S3 server (S3Proxy
 * in this JVM) through the storage seam, and checkpoints saved to it and loaded back: objects under
 * DLIO's names, every file read back, what the reads cost S3 counted, and no secret in any file the
 * run writes.
 */
class S3WorkloadsTest {
    /** The smallest multipart part S3 takes. */
    private static final int PART = 5 << 20;
    private static S3TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3TestServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unet3d_a100_s3", "unet3d_h100_s3", "unet3d_v100_s3"})
    void dliosS3WorkloadsGenerateAndTrainAgainstAnS3Server(String name) throws IOException {
        String bucket = name.replace('_', '-');
        server.createBucket(bucket);
        WorkloadConfig config = load(Fixtures.file("dlio-workloads/" + name + ".yaml"), bucket,
                List.of("++workload.dataset.data_folder=s3://" + bucket + "/unet3d",
                        "++workload.dataset.num_files_train=6", "++workload.dataset.record_length_bytes=65536",
                        "++workload.dataset.record_length_bytes_resize=65536", "++workload.reader.batch_size=2"));

        RunResult result = Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out")));

        assertThat(result.generation().files()).isEqualTo(6);
        DatasetPlan plan = WorkloadDataset.of(config).plan();
        assertThat(keys(bucket, "unet3d/train/")).as("DLIO's names, no temporaries").containsExactlyElementsOf(
                LongStream.range(0, 6).mapToObj(i -> "unet3d/" + plan.spec(i).relativePath()).sorted().toList());
        assertThat(keys(bucket, "unet3d/")).contains("unet3d/dlio-parquet-manifest.json");
        assertThat(result.summary().epochs()).hasSize(1);
        assertThat(result.summary().epochs().get(0).train().samples()).isEqualTo(6);
        assertThat(result.summary().epochs().get(0).train().storageBytes()).as("bytes read from S3")
                .isGreaterThanOrEqualTo(6L * 65536);
        Map<?, ?> storage = storageTraffic();
        assertThat(storage.get("name")).isEqualTo("s3://" + bucket + "/unet3d");
        assertThat(((Number) storage.get("objects_opened")).longValue()).as("each file once, and the manifest")
                .isEqualTo(7);
        long manifest = server.direct.headObject(h -> h.bucket(bucket).key("unet3d/dlio-parquet-manifest.json"))
                .contentLength();
        assertThat(((Number) storage.get("bytes_fetched")).longValue()).as("bytes fetched: the files and the manifest")
                .isBetween(result.summary().epochs().get(0).train().storageBytes(), result.generation().bytes() + manifest);
        assertThat(((Number) storage.get("requests")).longValue())
                .as("one GET per object (the manifest gives the sizes), and the manifest's HEAD and GET")
                .isBetween(7L, 9L);
        assertNoSecretIn(dir.resolve("out"));
    }

    @Test
    void parquetOnS3IsReadBackSampleForSampleAndValidates() throws IOException {
        server.createBucket("parquet");
        WorkloadConfig config = load(Fixtures.file("dlio-workloads/default.yaml"), "parquet",
                List.of("++workload.dataset.data_folder=data/pq", "++workload.storage.storage_type=s3",
                        "++workload.storage.storage_root=parquet", "++workload.dataset.format=parquet",
                        "++workload.dataset.num_files_train=4", "++workload.dataset.num_samples_per_file=8",
                        "++workload.dataset.record_length_bytes=4096", "++workload.reader.batch_size=4",
                        "++workload.evaluation.eval_time=0"));

        Dlio.generate(config);
        assertThat(keys("parquet", "data/pq/train/")).hasSize(4).allMatch(k -> k.endsWith(".parquet"));
        RunResult result = Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out")));
        ValidationReport report = Dlio.validate(config, true);

        assertThat(result.summary().epochs().get(0).train().samples()).isEqualTo(32);
        assertThat(report.problems()).isEmpty();
        assertThat(report.filesPresent()).isEqualTo(report.filesExpected());
        assertThat(report.samplesRead()).as("train and eval samples decoded").isEqualTo(96);
    }

    /**
     * The manifest, not a listing, says which objects a run reads (listing millions of keys takes
     * hours): an object removed behind the manifest's back fails the read that needs it, in one
     * line naming it, where a listing would have reported a missing file before the run.
     */
    @Test
    void aRunFindsItsObjectsByTheManifestNotByListing() throws IOException {
        server.createBucket("named");
        WorkloadConfig config = load(Fixtures.file("dlio-workloads/unet3d_a100_s3.yaml"), "named",
                List.of("++workload.dataset.data_folder=s3://named/u", "++workload.dataset.num_files_train=4",
                        "++workload.dataset.record_length_bytes=4096", "++workload.dataset.record_length_bytes_resize=4096",
                        "++workload.workflow.generate_data=False", "++workload.reader.batch_size=2"));
        Dlio.generate(config);
        String gone = "u/" + WorkloadDataset.of(config).plan().spec(2).relativePath();
        server.direct.deleteObject(d -> d.bucket("named").key(gone));

        assertThatThrownBy(() -> Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out"))))
                .isInstanceOf(IOException.class).hasMessageContaining("s3://named/" + gone)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("expected files are missing"));
    }

    /**
     * DLRM-like Parquet (120 columns, 24 read) with a read-ahead far smaller than a row group still
     * costs a few requests per open: the reader asks for each row group's projected chunks as one
     * merged range, where a GET per column chunk would cost 24 per row group.
     */
    @Test
    void parquetRowGroupsAreFetchedAsOneMergedRange() throws IOException {
        server.createBucket("merged");
        List<String> o = new ArrayList<>(s3Options());
        o.addAll(List.of("++workload.dataset.data_folder=s3://merged/dlrm", "++workload.dataset.num_files_train=2",
                "++workload.dataset.num_samples_per_file=8192", "++workload.reader.read_threads=1",
                "++workload.train.epochs=1", "++workload.output.folder=" + dir.resolve("out"),
                "++workload.storage.storage_options.s3_read_ahead=4096"));
        WorkloadConfig config = Workloads.load(FormatRegistry.loadDefault(), dir, "dlrm_small", o);

        RunResult result = Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out")));

        assertThat(result.summary().epochs().get(0).train().samples()).isEqualTo(16384);
        Map<?, ?> storage = storageTraffic();
        long opened = ((Number) storage.get("objects_opened")).longValue();
        // per open: a HEAD, the magic, the footer, and one GET per row group (2 of 4096 rows)
        assertThat(((Number) storage.get("requests")).longValue()).as("requests for %d opens", opened)
                .isLessThanOrEqualTo(opened * 6);
    }

    @Test
    void keepFilesFalseDeletesEveryObjectTheRunWrote() throws IOException {
        server.createBucket("cleanup");
        WorkloadConfig config = load(Fixtures.file("dlio-workloads/unet3d_a100_s3.yaml"), "cleanup",
                List.of("++workload.dataset.data_folder=s3://cleanup/tmp", "++workload.dataset.num_files_train=4",
                        "++workload.dataset.record_length_bytes=4096", "++workload.dataset.record_length_bytes_resize=4096",
                        "++workload.reader.batch_size=2", "++workload.dataset.keep_files=False"));
        server.direct.putObject(p -> p.bucket("cleanup").key("other/keep.txt"), RequestBody.fromString("not ours"));

        RunResult result = Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out")));

        assertThat(result.generation().files()).isEqualTo(4);
        assertThat(keys("cleanup", "")).containsExactly("other/keep.txt");
    }

    @Test
    void oDirectOnS3IsRefusedInOneLineBeforeAnythingIsWritten() {
        server.createBucket("odirect");
        WorkloadConfig config = load(Fixtures.file("dlio-workloads/unet3d_a100_s3.yaml"), "odirect",
                List.of("++workload.dataset.data_folder=s3://odirect/x", "++workload.reader.odirect=True"));

        assertThatThrownBy(() -> Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reader.odirect")
                .hasMessageContaining("s3://odirect/x").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(keys("odirect", "")).isEmpty();
    }

    /**
     * A checkpoint workload with an S3 checkpoint folder: every rank's files become objects under
     * DLIO's names (no temporaries), each larger one a multipart upload of several parts (its ETag
     * says how many), nothing is written to a local folder, and the verified load reads back,
     * through ranged GETs, exactly the bytes that were saved.
     */
    @Test
    void checkpointsAreStreamedToS3AsMultipartUploadsAndLoadedBackVerified() throws IOException {
        server.createBucket("ckpt");
        WorkloadConfig config = checkpointWorkload("s3://ckpt/llama", "checkpoint.num_checkpoints_write=1",
                "checkpoint.num_checkpoints_read=1", "checkpoint.verify=True", "checkpoint.fsync=True");
        CheckpointPlan plan = CheckpointPlan.of(config, 2);

        RunResult result = Dlio.run(config, twoRanks());

        List<String> planned = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            for (CheckpointFile f : plan.rank(r).files()) {
                String key = "llama/global_epoch1_step1/" + f.name();
                planned.add(key);
                HeadObjectResponse head = server.direct.headObject(h -> h.bucket("ckpt").key(key));
                assertThat(head.contentLength()).as(key).isEqualTo(f.bytes());
                if (f.bytes() > 2 * PART) {
                    assertThat(head.eTag()).as("a multipart upload of %d-byte parts", PART)
                            .endsWith("-" + (f.bytes() + PART - 1) / PART + "\"");
                }
            }
        }
        assertThat(keys("ckpt", "")).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(plan.rank(0).files()).anyMatch(f -> f.bytes() > 2 * PART);
        CheckpointSummary s = result.checkpointSummary().orElseThrow();
        assertThat(s.checkpoints()).extracting(JobCheckpoint::op).containsExactly(CheckpointOp.SAVE, CheckpointOp.LOAD);
        assertThat(s.checkpoints()).allSatisfy(j -> assertThat(j.bytes()).isEqualTo(plan.totalBytes()));
        assertThat(dir.resolve("ckpt")).doesNotExist();
        assertThat(dir.resolve("checkpoints")).doesNotExist();
        assertNoSecretIn(dir.resolve("out"));
    }

    /**
     * With {@code storage_type: s3} a relative checkpoint folder lies in the {@code storage_root}
     * bucket, as the data folder does; an object changed behind the run's back fails the verified
     * load in one line naming it, and a missing one fails before any load.
     */
    @Test
    void aCheckpointObjectChangedOrMissingOnS3FailsTheLoadNamingIt() throws IOException {
        server.createBucket("ckroot");
        Dlio.run(checkpointWorkload("ck", "storage.storage_type=s3", "storage.storage_root=ckroot",
                "checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=0"), twoRanks());
        String changed = "ck/global_epoch1_step1/zero_pp_rank_0_mp_rank_0_optim_states.pt";
        long size = server.direct.headObject(h -> h.bucket("ckroot").key(changed)).contentLength();
        server.direct.putObject(p -> p.bucket("ckroot").key(changed), RequestBody.fromBytes(new byte[(int) size]));
        WorkloadConfig load = checkpointWorkload("ck", "storage.storage_type=s3", "storage.storage_root=ckroot",
                "checkpoint.num_checkpoints_write=0", "checkpoint.num_checkpoints_read=1", "checkpoint.verify=True");

        assertThatThrownBy(() -> Dlio.run(load, twoRanks())).isInstanceOf(DataFileException.class)
                .hasMessageContaining("s3://ckroot/" + changed).hasMessageContaining("other bytes than were saved")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        server.direct.deleteObject(d -> d.bucket("ckroot").key(changed));
        assertThatThrownBy(() -> Dlio.run(load, twoRanks())).isInstanceOf(DataFileException.class)
                .hasMessageContaining("s3://ckroot/" + changed).hasMessageContaining("checkpoint file missing");
    }

    @Test
    void checkpointsToAMissingBucketFailInOneLineNamingItAndLeaveNothing() {
        WorkloadConfig config = checkpointWorkload("s3://no-such-bucket/ck", "checkpoint.num_checkpoints_write=1",
                "checkpoint.num_checkpoints_read=0");

        Throwable e = catchThrowable(() -> Dlio.run(config, twoRanks()));

        assertThat(e).isInstanceOf(IOException.class).hasMessageContaining("bucket 'no-such-bucket' does not exist");
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(S3TestServer.SECRET_KEY);
        assertThat(Dlio.classify(e).kind()).isEqualTo(Failure.Kind.IO);
        assertThat(server.direct.listBuckets().buckets()).noneMatch(b -> b.name().equals("no-such-bucket"));
    }

    @Test
    void oDirectCheckpointsOnS3AreRefusedInOneLine() {
        WorkloadConfig config = checkpointWorkload("s3://ckpt/x", "checkpoint.odirect=True");

        assertThatThrownBy(() -> Dlio.run(config, twoRanks())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("checkpoint.odirect").hasMessageContaining("s3://ckpt/x");
    }

    /** The small llama of the checkpoint tests, its checkpoints in {@code folder}, S3 parts of {@value #PART} bytes. */
    private WorkloadConfig checkpointWorkload(String folder, String... overrides) {
        List<String> o = new ArrayList<>(List.of("checkpoint.checkpoint_folder=" + folder,
                "storage.storage_options.s3_part_size=" + PART));
        for (String s3 : s3Options()) {
            o.add(s3.substring("++workload.".length()));
        }
        o.addAll(List.of(overrides));
        return CheckpointTesting.smallLlama(dir, o.toArray(String[]::new));
    }

    private RunOptions twoRanks() {
        return RunOptions.defaults().withAccelerators(2).withOutputFolder(dir.resolve("out"));
    }

    private WorkloadConfig load(Path yaml, String bucket, List<String> extra) {
        List<String> o = new ArrayList<>(List.of("++workload.output.folder=" + dir.resolve("out"),
                "++workload.train.epochs=1", "++workload.train.computation_time=0"));
        o.addAll(s3Options());
        o.add("++workload.reader.read_threads=2");
        o.addAll(extra);
        return new WorkloadLoader().baseDirectory(dir).load(yaml, o);
    }

    /** summary.json's {@code dlio_parquet.storage}: what the run's reads cost the server. */
    private Map<?, ?> storageTraffic() throws IOException {
        Map<?, ?> summary = new ObjectMapper().readValue(dir.resolve("out/summary.json").toFile(), Map.class);
        return (Map<?, ?>) ((Map<?, ?>) summary.get("dlio_parquet")).get("storage");
    }

    private static List<String> s3Options() {
        return List.of("++workload.storage.storage_options.endpoint_url=" + server.endpoint,
                "++workload.storage.storage_options.s3_force_path_style=True",
                "++workload.storage.storage_options.access_key_id=" + S3TestServer.ACCESS_KEY,
                "++workload.storage.storage_options.secret_access_key=" + S3TestServer.SECRET_KEY);
    }

    private static List<String> keys(String bucket, String prefix) {
        return server.direct.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    private static void assertNoSecretIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(S3TestServer.SECRET_KEY);
            }
        }
    }
}
