package org.dlioparquet.core.storage.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.ValidationReport;
import org.dlioparquet.core.checkpoint.CheckpointFile;
import org.dlioparquet.core.checkpoint.CheckpointPlan;
import org.dlioparquet.core.checkpoint.CheckpointTesting;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.config.StorageType;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageEntry;
import org.dlioparquet.core.spi.StorageRegistry;
import org.dlioparquet.core.spi.WriteMode;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hadoop back-end on a real HDFS: a MiniDFSCluster (one NameNode, one DataNode) in this JVM. */
class HadoopStorageTest {
    @TempDir
    static Path base;
    private static MiniDFSCluster cluster;
    private static String uri;

    @BeforeAll
    static void start() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        for (String k : new String[] {"dfs.namenode.http-address", "dfs.datanode.address", "dfs.datanode.http.address",
            "dfs.datanode.ipc.address"}) {
            conf.set(k, "127.0.0.1:0");
        }
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static Storage open(String folder) throws IOException {
        StorageConfig cfg = new StorageConfig(StorageType.LOCAL_FS, "./", Map.of("hadoop_conf", Map.of("dfs.replication", 1)));
        return StorageRegistry.loadDefault().open(cfg, base, uri + folder);
    }

    @Test
    void writesAppearOnPublishAndReadBackPositionally() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(1).nextBytes(bytes);
        try (Storage s = open("/data/run")) {
            assertThat(s.name()).isEqualTo(uri + "/data/run");
            s.createFolders("train");
            try (ObjectWriter w = s.create("train/img_0_of_2.npz", WriteMode.SEQUENTIAL)) {
                w.write(ByteBuffer.wrap(bytes, 0, 1000));
                w.write(ByteBuffer.allocateDirect(bytes.length - 1000).put(bytes, 1000, bytes.length - 1000).flip());
                assertThat(s.exists("train/img_0_of_2.npz")).isFalse();
                assertThat(s.list("train", "img_")).as("the temporary name matches no format's files").isEmpty();
                assertThat(w.publish(true)).isEqualTo(bytes.length);
            }
            try (ObjectWriter w = s.create("train/img_1_of_2.npz", WriteMode.SEEKABLE)) {
                w.write(ByteBuffer.wrap(new byte[4]));
                w.write(ByteBuffer.wrap(bytes));
                w.position(0);
                w.write(ByteBuffer.wrap(new byte[] {'P', 'K', 3, 4}));
                assertThat(w.publish(false)).isEqualTo(bytes.length + 4);
            }
            assertThat(s.list("train", "img_")).containsExactly(new StorageEntry("img_0_of_2.npz", bytes.length, false),
                    new StorageEntry("img_1_of_2.npz", bytes.length + 4, false));
            try (ObjectReader r = s.openRead("train/img_0_of_2.npz", ReadOptions.defaults())) {
                ByteBuffer mid = ByteBuffer.allocate(5000);
                assertThat(r.read(mid, 100_000)).isPositive();
                FileChannel ch = r.asFileChannel();
                while (mid.hasRemaining()) {
                    ch.read(mid, 100_000 + mid.position());
                }
                assertThat(mid.array()).isEqualTo(Arrays.copyOfRange(bytes, 100_000, 105_000));
                assertThat(r.bytesFetched()).isEqualTo(5000);
                assertThat(r.read(ByteBuffer.allocate(1), bytes.length)).isEqualTo(-1);
            }
            try (ObjectReader r = s.openRead("train/img_1_of_2.npz", ReadOptions.defaults())) {
                ByteBuffer head = ByteBuffer.allocate(4);
                r.read(head, 0);
                assertThat(head.array()).containsExactly('P', 'K', 3, 4);
            }
            assertThat(s.usableSpace().orElseThrow()).isPositive();
            assertThat(s.folder("train").delete("img_1_of_2.npz")).isTrue();
            assertThat(s.exists("train/img_1_of_2.npz")).isFalse();
        }
    }

    @Test
    void unpublishedWritesLeaveNothingAndMissingFilesAreNamed() throws IOException {
        try (Storage s = open("/data/broken")) {
            try (ObjectWriter w = s.create("a.parquet", WriteMode.SEQUENTIAL)) {
                w.write(ByteBuffer.wrap(new byte[1000]));
                assertThatThrownBy(() -> w.position(0)).isInstanceOf(IOException.class).hasMessageContaining("SEEKABLE");
            }
            assertThat(s.list("", "")).isEmpty();
            assertThatThrownBy(() -> s.size("a.parquet")).isInstanceOf(NoSuchFileException.class)
                    .hasMessage(uri + "/data/broken/a.parquet");
            assertThatThrownBy(() -> s.openRead("b.parquet", ReadOptions.defaults()))
                    .isInstanceOf(NoSuchFileException.class).hasMessage(uri + "/data/broken/b.parquet");
        }
    }

    /** A workload whose data folder is an hdfs:// URI generates, trains and validates through the seam. */
    @Test
    void aWorkloadGeneratesTrainsAndValidatesOnHdfs() throws IOException {
        WorkloadConfig config = new WorkloadLoader().baseDirectory(base).load(Fixtures.file("dlio-workloads/default.yaml"),
                List.of("++workload.dataset.data_folder=" + uri + "/dlio/npz", "++workload.workflow.generate_data=True",
                        "++workload.dataset.format=npz",
                        "++workload.dataset.num_files_train=4", "++workload.dataset.num_files_eval=2",
                        "++workload.dataset.num_samples_per_file=4", "++workload.dataset.record_length_bytes=8192",
                        "++workload.train.epochs=1", "++workload.train.computation_time=0",
                        "++workload.evaluation.eval_time=0", "++workload.reader.read_threads=2",
                        "++workload.output.folder=" + base.resolve("out")));

        RunResult run = Dlio.run(config, RunOptions.defaults().withOutputFolder(base.resolve("out")));
        ValidationReport report = Dlio.validate(config, true);

        assertThat(run.generation().files()).isEqualTo(6);
        assertThat(run.summary().epochs().get(0).train().samples()).isEqualTo(16);
        assertThat(report.problems()).isEmpty();
        assertThat(report.samplesRead()).isEqualTo(24);
        FileSystem hdfs = cluster.getFileSystem();
        DatasetPlan plan = WorkloadDataset.of(config).plan();
        long bytes = 0;
        for (long i = 0; i < plan.totalFiles(); i++) {
            bytes += hdfs.getFileStatus(new org.apache.hadoop.fs.Path("/dlio/npz/" + plan.spec(i).relativePath())).getLen();
        }
        assertThat(bytes).as("DLIO's names hold what generation wrote").isEqualTo(run.generation().bytes());
        assertThat(hdfs.exists(new org.apache.hadoop.fs.Path("/dlio/npz/dlio-parquet-manifest.json"))).isTrue();
    }

    /** A checkpoint workload whose checkpoint folder is an hdfs:// URI saves there and loads every byte back. */
    @Test
    void checkpointsAreSavedToHdfsAndLoadedBackVerified() throws IOException {
        WorkloadConfig config = CheckpointTesting.smallLlama(base.resolve("llama"), "checkpoint.checkpoint_folder=" + uri
                + "/ckpt", "checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=1",
                "checkpoint.verify=True", "checkpoint.fsync=True");
        CheckpointPlan plan = CheckpointPlan.of(config, 2);

        RunResult run = Dlio.run(config, RunOptions.defaults().withAccelerators(2).withOutputFolder(base.resolve("ck-out")));

        FileSystem hdfs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path("/ckpt/global_epoch1_step1");
        List<String> planned = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            for (CheckpointFile f : plan.rank(r).files()) {
                planned.add(f.name());
                assertThat(hdfs.getFileStatus(new org.apache.hadoop.fs.Path(folder, f.name())).getLen()).as(f.name())
                        .isEqualTo(f.bytes());
            }
        }
        assertThat(Arrays.stream(hdfs.listStatus(folder)).map(st -> st.getPath().getName()))
                .as("DLIO's names, no temporaries").containsExactlyInAnyOrderElementsOf(planned);
        assertThat(run.checkpointSummary().orElseThrow().checkpoints()).extracting(JobCheckpoint::op, JobCheckpoint::bytes)
                .containsExactly(tuple(CheckpointOp.SAVE, plan.totalBytes()), tuple(CheckpointOp.LOAD, plan.totalBytes()));
        assertThat(base.resolve("llama/ckpt")).doesNotExist();
    }
}
