package org.dlioparquet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class RunMojoTest {
    @TempDir
    Path tmp;

    private void inTemp(RunMojo mojo, String... more) {
        List<String> o = new ArrayList<>(List.of("++workload.dataset.data_folder=" + tmp.resolve("data")));
        o.addAll(List.of(more));
        mojo.overrideList = o;
        mojo.outputDirectory = tmp.resolve("out").toFile();
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void defaultsAreBound(RunMojo mojo) {
        assertThat(mojo.outputDirectory.toPath().toString().replace('\\', '/')).endsWith("target/dlio-parquet");
        assertThat(mojo.requireAu).isFalse();
        assertThat(mojo.minThroughput).isNull();
        assertThat(mojo.minCheckpointThroughput).isNull();
        assertThat(mojo.accelerators).isEqualTo(1);
        assertThat(mojo.report).isTrue();
        assertThat(mojo.progressInterval).isEqualTo(30);
        assertThat(mojo.stallTimeout).isEqualTo(60);
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void reportProgressAndStallParametersReachTheRunAndProgressGoesToTheLog(RunMojo mojo) {
        mojo.report = false;
        mojo.progressInterval = 5;
        mojo.stallTimeout = 0;
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);

        RunOptions options = mojo.runOptions();
        options.listener().progress(new RunProgress(1, 2, "training", 3, 4, 10, 1, 2));

        assertThat(options.monitoring()).isEqualTo(new RunMonitoring(false, Duration.ofSeconds(5), Duration.ZERO));
        assertThat(log.lines).containsExactly(
                "[info] epoch 1/2 training: step 3/4 (75%), 10.0 samples/s, 1.0 MB/s, ETA 2s");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void writesTheSummaryAndExportsTheMetrics(RunMojo mojo) throws Exception {
        inTemp(mojo);

        mojo.execute();

        assertThat(tmp.resolve("out/summary.json")).exists();
        assertThat(mojo.project.getProperties())
                .containsKeys("dlio.train.au", "dlio.train.throughput", "dlio.train.io", "dlio.train.io.measured")
                .containsEntry("dlio.train.au.met", "false")
                .containsEntry("dlio.summary", tmp.resolve("out/summary.json").toString());
        assertThat(Double.parseDouble(mojo.project.getProperties().getProperty("dlio.train.throughput"))).isPositive();
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void acceleratorsReachTheRun(RunMojo mojo) throws Exception {
        inTemp(mojo, "++workload.reader.batch_size=1"); // 3 files x 2 samples: 3 steps per accelerator
        mojo.accelerators = 2;

        mojo.execute();

        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertThat(summary.get("num_accelerators").asInt()).isEqualTo(2);
        assertThat(tmp.resolve("out/0_per_epoch_stats.json")).exists();
        assertThat(tmp.resolve("out/1_per_epoch_stats.json")).exists();
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void requireAuFailsTheBuildWhenTheExpectationIsMissed(RunMojo mojo) {
        inTemp(mojo);
        mojo.requireAu = true;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageMatching("AU expectation not met: [0-9.]+ % < 90\\.00 % \\(metric\\.au\\) in training");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void requireAuPassesWhenComputeDominates(RunMojo mojo) throws Exception {
        inTemp(mojo, "++workload.train.computation_time=0.05", "++workload.dataset.num_files_train=16");
        mojo.requireAu = true;

        mojo.execute();

        assertThat(mojo.project.getProperties()).containsEntry("dlio.train.au.met", "true");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void requireAuFailsTheBuildWhenEvaluationMissesItThoughTrainingMeetsIt(RunMojo mojo) {
        inTemp(mojo, "++workload.train.computation_time=0.05", "++workload.dataset.num_files_train=16",
                "++workload.metric.au=0.5", "++workload.workflow.evaluation=True", "++workload.dataset.num_files_eval=2");
        mojo.requireAu = true;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageMatching("AU expectation not met: [0-9.]+ % < 50\\.00 % \\(metric\\.au\\) in evaluation");
        assertThat(Double.parseDouble(mojo.project.getProperties().getProperty("dlio.train.au"))).isGreaterThan(50);
        assertThat(mojo.project.getProperties()).containsEntry("dlio.train.au.met", "false");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void gatesFailTheBuildWhenNothingWasMeasured(RunMojo mojo) {
        inTemp(mojo, "++workload.workflow.train=False");
        mojo.requireAu = true;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("the AU expectation cannot be checked: the run neither trained nor evaluated "
                        + "(workflow.train, workflow.evaluation)");

        mojo.requireAu = false;
        mojo.minThroughput = 1.0;
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("minThroughput is set but the run did not train (workflow.train): there is no training "
                        + "throughput to check");
        assertThat(tmp.resolve("out/summary.json")).doesNotExist();
        assertThat(mojo.project.getProperties()).doesNotContainKeys("dlio.summary", "dlio.train.au.met");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void minThroughputFailsTheBuildBelowIt(RunMojo mojo) {
        inTemp(mojo);
        mojo.minThroughput = 1e12;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageMatching("training throughput [0-9.]+ samples/s is below minThroughput 1000000000000\\.00");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void zeroAcceleratorsFailsTheBuildWithTheCoresLine(RunMojo mojo) {
        inTemp(mojo);
        mojo.accelerators = 0;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("accelerators must be >= 1, got 0");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void aWorkloadWarningIsLoggedOnceAsAWarning(RunMojo mojo) throws Exception {
        inTemp(mojo, "++workload.workflow.debug=True");
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.containing("DLIO ignores workflow.debug")).singleElement().asString()
                .startsWith("[warn] workflow.debug: DLIO ignores workflow.debug");
    }

    /** A checkpoint-only run of a 2-layer llama on 2 accelerators: one save, one load. */
    private void checkpointOnly(RunMojo mojo) {
        inTemp(mojo, "++workload.framework=pytorch", "++workload.workflow.train=False",
                "++workload.workflow.generate_data=False", "++workload.workflow.checkpoint=True",
                "++workload.model.type=transformer", "++workload.model.num_layers=2",
                "++workload.model.transformer.vocab_size=1000", "++workload.model.transformer.hidden_size=256",
                "++workload.model.transformer.ffn_hidden_size=1024", "++workload.model.transformer.num_attention_heads=8",
                "++workload.model.transformer.num_kv_heads=4", "++workload.checkpoint.num_checkpoints_write=1",
                "++workload.checkpoint.num_checkpoints_read=1",
                "++workload.checkpoint.checkpoint_folder=" + tmp.resolve("ckpt"));
        mojo.accelerators = 2;
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void aCheckpointRunExportsSaveAndLoadThroughputAndPassesAGateBelowThem(RunMojo mojo) throws Exception {
        checkpointOnly(mojo);
        mojo.minCheckpointThroughput = 1e-9;
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);

        mojo.execute();

        JsonNode metric = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile()).get("metric");
        for (String op : List.of("save", "load")) {
            double exported = Double.parseDouble(mojo.project.getProperties()
                    .getProperty("dlio.checkpoint." + op + ".throughput"));
            assertThat(exported).isPositive()
                    .isEqualTo(metric.get(op + "_checkpoint_io_mean_GB_per_second").asDouble());
        }
        assertThat(mojo.project.getProperties()).doesNotContainKey("dlio.train.throughput");
        assertThat(log.containing("Finished saving checkpoint 1 (global_epoch1_step1)")).hasSize(1);
        assertThat(log.containing("[METRIC] Checkpoint load I/O Throughput (GB/second)")).hasSize(1);
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void minCheckpointThroughputFailsTheBuildBelowIt(RunMojo mojo) {
        checkpointOnly(mojo);
        mojo.minCheckpointThroughput = 1e9;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageMatching("checkpoint (save|load) global_epoch1_step1: [0-9.]+ GiB/s is below the minimum "
                        + "1000000000\\.0000 GiB/s \\(minCheckpointThroughput\\)");
        assertThat(mojo.project.getProperties()).containsKeys("dlio.checkpoint.save.throughput",
                "dlio.checkpoint.load.throughput");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "run", pom = "pom.xml")
    void minCheckpointThroughputFailsTheBuildWhenTheRunSavedNoCheckpoint(RunMojo mojo) {
        inTemp(mojo);
        mojo.minCheckpointThroughput = 1.0;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("the checkpoint throughput cannot be checked: the run saved and loaded no checkpoint "
                        + "(workflow.checkpoint)");
        assertThat(mojo.project.getProperties()).doesNotContainKeys("dlio.checkpoint.save.throughput");
    }
}
