package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.fixture;
import static org.dlioparquet.cli.CliTestSupport.run;
import static org.dlioparquet.cli.CliTestSupport.smallWorkload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DlioParquetCliTest {
    @TempDir
    Path dir;

    private static void assertNoStackTrace(Result r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("dlio-parquet ");

        Result h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("run", "datagen", "validate", "report", "formats", "inspect", "datasize", "Exit codes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "datagen", "validate", "report", "formats", "inspect", "datasize"})
    void everyCommandHasHelp(String command) {
        Result r = run(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: dlio-parquet " + command);
    }

    @Test
    void datagenWritesTheDatasetAndReportsProgressLinesOffATerminal() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("datagen", yaml.toString(), "--num-threads", "2", "--progress-interval", "0.01");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Wrote 4 files").contains("with 2 threads")
                .containsPattern("datagen 4/4 files \\(100%\\), [0-9.]+ MB, [0-9.]+ MB/s, ETA 0s");
        try (Stream<Path> files = Files.list(dir.resolve("data/train"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("img_0_of_4.parquet", "img_1_of_4.parquet", "img_2_of_4.parquet", "img_3_of_4.parquet");
        }
    }

    @Test
    void datagenAgainIsANoOpAndAfterALossItResumes() throws IOException {
        Path yaml = smallWorkload(dir, "");
        assertThat(run("datagen", yaml.toString()).code()).isZero();

        Result again = run("datagen", yaml.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("Dataset complete: all 4 files match the manifest (sizes); nothing to do");

        Files.delete(dir.resolve("data/train/img_2_of_4.parquet"));
        Result resumed = run("datagen", yaml.toString(), "--verify");
        assertThat(resumed.code()).isZero();
        assertThat(resumed.out()).contains("Wrote 1 files").contains("resumed: 3 files were already complete");
        assertThat(dir.resolve("data/dlio-parquet-manifest.json")).exists();
    }

    @Test
    void datagenIntoAnotherWorkloadsFolderIsRefusedUnlessOverwriting() throws IOException {
        Path yaml = smallWorkload(dir, "");
        assertThat(run("datagen", yaml.toString()).code()).isZero();

        Result refused = run("datagen", yaml.toString(), "++workload.dataset.record_length_bytes=1024");
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("dlio-parquet: dataset.data_folder: " + dir.resolve("data") + " holds a "
                + "dataset generated from a different workload (see dlio-parquet-manifest.json); choose another "
                + "data_folder, or regenerate it with --overwrite\n");

        assertThat(run("datagen", yaml.toString(), "++workload.dataset.record_length_bytes=1024", "--overwrite").code())
                .isZero();
    }

    @Test
    void datagenWithRankAndRanksWritesOnlyThatRanksFiles() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("datagen", yaml.toString(), "--rank", "1", "--ranks", "2");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(rank 1 of 2)").contains("Wrote 2 files");
        try (Stream<Path> files = Files.list(dir.resolve("data/train"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("img_1_of_4.parquet", "img_3_of_4.parquet");
        }
    }

    @Test
    void overridesAreTakenAsDlioUsersTypeThem() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("datagen", yaml.toString(), "++workload.dataset.num_files_train=3", "dataset.num_files_eval=1");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("data/train/img_2_of_3.parquet")).exists();
        assertThat(dir.resolve("data/valid/img_0_of_1.parquet")).exists();
    }

    @Test
    void runPrintsEpochLinesAndTheMetricBlock() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("run", yaml.toString(), "--output", dir.resolve("out").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Epoch 1: [0-9.]+ samples/s, [0-9.]+ MB/s \\(read [0-9.]+ MB/s, "
                + "amplification [0-9.]+\\), AU [0-9.]+ %")
                .containsPattern("Epoch 2: ")
                .contains("[METRIC] Number of Simulated Accelerators: 1")
                .contains("[METRIC] Training Throughput (samples/second): ")
                .contains("[METRIC] train_au_meet_expectation: fail");
        assertThat(dir.resolve("out/summary.json")).exists();
        assertThat(dir.resolve("out/0_per_epoch_stats.json")).exists();
        assertThat(dir.resolve("out/config.yaml")).exists();
    }

    @Test
    void runJsonPrintsTheSummaryToStdoutAndProgressToStderr() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("run", yaml.toString(), "--json", "-o", dir.resolve("out").toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertThat(summary.get("metric").get("train_au_mean_percentage").isNumber()).isTrue();
        assertThat(summary.get("num_files_train").asInt()).isEqualTo(4);
        assertThat(r.err()).contains("Epoch 1: ");
        assertThat(r.out()).doesNotContain("[METRIC]");
    }

    @Test
    void requireAuGatesOnTheExpectation() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result fails = run("run", yaml.toString(), "--require-au", "-o", dir.resolve("a").toString());
        assertThat(fails.code()).isEqualTo(ExitCodes.AU_NOT_MET);
        assertThat(fails.err()).containsPattern("AU expectation not met: [0-9.]+ % < 90.00 % \\(metric.au\\)");

        Result passes = run("run", yaml.toString(), "--require-au", "++workload.train.computation_time=0.02",
                "++workload.workflow.generate_data=False", "-o", dir.resolve("b").toString());
        assertThat(passes.code()).as(passes.err()).isZero();
    }

    @Test
    void requireAuFailsWhenEvaluationMissesItThoughTrainingMeetsIt() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("run", yaml.toString(), "--require-au", "-o", dir.resolve("out").toString(),
                "++workload.train.epochs=1", "++workload.train.computation_time=0.05", "++workload.metric.au=0.5",
                "++workload.workflow.evaluation=True", "++workload.dataset.num_files_eval=2");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.AU_NOT_MET);
        assertThat(r.out()).contains("[METRIC] train_au_meet_expectation: success")
                .contains("[METRIC] eval_au_meet_expectation: fail");
        assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                .matches("dlio-parquet: AU expectation not met: [0-9.]+ % < 50\\.00 % \\(metric\\.au\\) in evaluation");
    }

    @Test
    void requireAuWithNothingMeasuredIsAUsageError() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("run", yaml.toString(), "--require-au", "++workload.workflow.train=False",
                "-o", dir.resolve("out").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("dlio-parquet: the AU expectation cannot be checked: the run neither trained "
                + "nor evaluated (workflow.train, workflow.evaluation)\n");
    }

    @Test
    void jsonWithoutASummaryIsAClearErrorNotAnEmptyObject() throws IOException {
        Path yaml = smallWorkload(dir, "");
        assertThat(run("datagen", yaml.toString()).code()).isZero();

        // only the process with rank offset 0 writes summary.json
        Result r = run("run", yaml.toString(), "--json", "--rank-offset", "1", "--world-size", "2",
                "++workload.workflow.generate_data=False", "-o", dir.resolve("out").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).doesNotContain("{}");
        assertThat(r.err()).endsWith("dlio-parquet: --json: the run wrote no summary.json in " + dir.resolve("out")
                + " (only the process with --rank-offset 0 writes it, and only when the workflow trains, "
                + "evaluates or checkpoints)\n");
        assertThat(dir.resolve("out/1_per_epoch_stats.json")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "datagen", "validate", "datasize"})
    void aWorkloadWarningIsPrintedExactlyOnce(String command) throws IOException {
        Path yaml = smallWorkload(dir, "");
        List<String> args = new ArrayList<>(List.of(command, yaml.toString(), "++workload.workflow.debug=True"));
        if (command.equals("run")) {
            args.addAll(List.of("-o", dir.resolve("out").toString()));
        } else if (command.equals("datasize")) {
            args.addAll(List.of("--client-host-memory-in-gb", "1", "--max-accelerators", "1"));
        }

        Result r = run(args.toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isZero();
        String all = r.out() + r.err();
        assertThat(all.split("DLIO ignores workflow.debug", -1)).as(all).hasSize(2);
    }

    @Test
    void aWorkloadMistakeIsOneLinePerProblemAndExitTwo() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("run", yaml.toString(), "++workload.dataset.num_files_trian=3", "reader.batch_size=0");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).containsExactlyInAnyOrder(
                "dlio-parquet: dataset.num_files_trian: unknown key; did you mean dataset.num_files_train? "
                        + "(override ++workload.dataset.num_files_trian=3)",
                "dlio-parquet: reader.batch_size: expected an integer >= 1, got 0 (override reader.batch_size=0)");
        assertNoStackTrace(r);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        Result r = run("run", smallWorkload(dir, "").toString(), "reader.batch_size=0", "--verbose");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("ConfigException").contains("\tat ");
    }

    @Test
    void aBadCommandLineIsExitTwo() {
        Result r = run("run", "quickstart", "--no-such-option");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'").contains("--help");
        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void badRankOptionsAreOneLineNamingTheOptionAndExitTwo() throws IOException {
        Path yaml = smallWorkload(dir, "");

        assertThat(run("run", yaml.toString(), "-n", "0"))
                .extracting(Result::code, Result::out, Result::err)
                .containsExactly(ExitCodes.USAGE, "", "dlio-parquet: accelerators must be >= 1, got 0\n");
        assertThat(run("run", yaml.toString(), "-n", "2", "--world-size", "1"))
                .extracting(Result::code, Result::err)
                .containsExactly(ExitCodes.USAGE, "dlio-parquet: --rank-offset 0 + --accelerators 2 exceeds --world-size 1\n");
        assertThat(run("run", yaml.toString(), "--rank-offset", "-1"))
                .extracting(Result::code, Result::err)
                .containsExactly(ExitCodes.USAGE, "dlio-parquet: --rank-offset must be >= 0, got -1\n");
        assertThat(run("datagen", yaml.toString(), "--rank", "2", "--ranks", "2"))
                .extracting(Result::code, Result::out, Result::err)
                .containsExactly(ExitCodes.USAGE, "", "dlio-parquet: rank must be in [0, 2), got 2\n");
        assertThat(run("datagen", yaml.toString(), "--ranks", "0").err())
                .isEqualTo("dlio-parquet: ranks must be >= 1, got 0\n");
        assertThat(run("datasize", yaml.toString(), "--client-host-memory-in-gb", "0", "--max-accelerators", "1"))
                .extracting(Result::code, Result::err)
                .containsExactly(ExitCodes.USAGE, "dlio-parquet: --client-host-memory-in-gb, --num-client-hosts and "
                        + "--max-accelerators must be positive\n");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void anUnknownWorkloadNamesTheBundledOnes() {
        Result r = run("validate", "no-such-workload");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("dlio-parquet: no-such-workload: no such workload file, and no bundled workload "
                + "of that name (bundled: quickstart");
    }

    @Test
    void aMissingDatasetIsExitThree() throws IOException {
        Path yaml = smallWorkload(dir, "");

        Result r = run("run", yaml.toString(), "++workload.workflow.generate_data=False", "-o", dir.resolve("o").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("dlio-parquet: " + dir.resolve("data/train") + ": folder not found; generate the dataset first");
    }

    @Test
    void anUnwritableDataFolderIsExitFour() throws IOException {
        Files.writeString(dir.resolve("blocker"), "x");
        Path yaml = smallWorkload(dir, "");

        Result r = run("datagen", yaml.toString(), "++workload.dataset.data_folder=" + dir.resolve("blocker/data"));

        assertThat(r.code()).isEqualTo(ExitCodes.IO);
        assertThat(r.err()).startsWith("dlio-parquet: " + dir.resolve("blocker/data")
                + ": dataset.data_folder is not writable (");
        assertNoStackTrace(r);
    }

    @Test
    void validateChecksTheWorkloadAndTheDataset() throws IOException {
        Path yaml = smallWorkload(dir, "");
        assertThat(run("validate", yaml.toString()).out()).startsWith("workload OK: small, parquet, 4 train + 0 eval files x 8 samples");

        Result missing = run("validate", yaml.toString(), "--data");
        assertThat(missing.code()).isEqualTo(ExitCodes.DATA);
        assertThat(missing.err()).contains("4 of 4 files are missing");

        assertThat(run("datagen", yaml.toString()).code()).isZero();
        Result ok = run("validate", yaml.toString(), "--data", "--deep");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("dataset OK: 4 of 4 files").contains("32 samples decoded");

        // same size, other bytes: only the checksums of --deep see it
        Path victim = dir.resolve("data/train/img_1_of_4.parquet");
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 1;
        Files.write(victim, bytes);
        assertThat(run("validate", yaml.toString(), "--data").code()).isZero();
        Result deep = run("validate", yaml.toString(), "--data", "--deep");
        assertThat(deep.code()).isEqualTo(ExitCodes.DATA);
        assertThat(deep.err()).contains(victim + ": CRC32C ").contains("the file changed after it was written");
        assertNoStackTrace(deep);

        // cut short: the manifest's sizes catch it without reading the data
        Files.write(victim, Arrays.copyOf(bytes, bytes.length / 2));
        Result shallow = run("validate", yaml.toString(), "--data");
        assertThat(shallow.code()).isEqualTo(ExitCodes.DATA);
        assertThat(shallow.err()).contains(victim + ": size " + bytes.length / 2 + " bytes, the manifest recorded "
                + bytes.length);
    }

    @Test
    void formatsListsTheBuiltInProviders() {
        Result r = run("formats");

        assertThat(r.code()).isZero();
        List<String> names = r.out().lines().map(l -> l.split("\\s+")[0]).toList();
        assertThat(names).contains("csv", "npy", "npz", "parquet", "tfrecord", "hdf5", "jpeg", "png", "indexed_binary",
                "mmap_indexed_binary");
        assertThat(r.out()).doesNotContain("NOT on the class path"); // the CLI carries jHDF
        assertThat(r.out()).contains("built-in");
    }

    @Test
    void inspectDescribesAndReadsFilesFromOtherPrograms() {
        Result parquet = run("inspect", "--read", fixture("interop/parquet/dlio_legacy_snappy.parquet").toString());
        assertThat(parquet.code()).as(parquet.err()).isZero();
        assertThat(parquet.out()).contains("SNAPPY").contains("read: 8 samples, 32768 value bytes decoded");

        Result npz = run("inspect", "--read", fixture("interop/npz/dlio_savez_uint8.npz").toString());
        assertThat(npz.code()).as(npz.err()).isZero();
        assertThat(npz.out()).contains("x.npy").contains("(64, 64, 3)").contains("read: 3 samples, 12288 value bytes");

        Result csv = run("inspect", "--read", fixture("interop/csv/dlio_uint8.csv.gz").toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).contains("read: 3 samples, 48 value bytes");
    }

    @Test
    void inspectOfACorruptFileIsExitThreeWithOneLine() {
        Result r = run("inspect", "--read", fixture("bad/parquet_footer_len_huge.parquet").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err().lines().toList()).hasSize(1).first().asString().contains("parquet_footer_len_huge.parquet");
        assertNoStackTrace(r);
        Result missing = run("inspect", dir.resolve("nope.parquet").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.DATA);
        assertThat(missing.err()).isEqualTo("dlio-parquet: " + dir.resolve("nope.parquet") + ": no such file\n");
    }

    @Test
    void datasizeAppliesMlperfsRuleAndPrintsTheCommand() throws IOException {
        Path yaml = smallWorkload(dir, "");

        // 8 samples x 4096 B = 32 KiB per file; 5 x 1 GiB / 32 KiB = 163840 files; 500 x 4 x 4 / 8 = 1000 files
        Result r = run("datasize", yaml.toString(), "--client-host-memory-in-gb", "1", "--max-accelerators", "4");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("files for 5 x 1 GiB of client memory: 163840")
                .contains("files for 500 steps per epoch on 4 accelerators (batch 4): 1000")
                .contains("required: 163840 files")
                .contains("use 17 subfolders")
                .contains("run: dlio-parquet datagen " + yaml + " ++workload.dataset.num_files_train=163840 "
                        + "++workload.dataset.num_subfolders_train=17");
    }

    @Test
    void datasizePrintsACommandTheShellGivesBackWordForWord() throws IOException, InterruptedException {
        Path spaced = Files.createDirectories(dir.resolve("my workloads"));
        Path yaml = smallWorkload(spaced, "");
        String time = "++workload.train.computation_time={type: normal, mean: 0.01, stdev: 0.001}";
        String quote = "++workload.model.name=it's";

        Result r = run("datasize", yaml.toString(), time, quote, "--client-host-memory-in-gb", "0.001",
                "--max-accelerators", "1");

        assertThat(r.code()).as(r.err()).isZero();
        String command = r.out().lines().filter(l -> l.startsWith("run: ")).findFirst().orElseThrow().substring(5);
        assertThat(command).startsWith("dlio-parquet datagen '" + yaml + "' '" + time + "' ");
        // what a shell makes of the printed line is what was typed, plus the computed file count
        Process sh = new ProcessBuilder("sh", "-c", "for w in " + command + "; do echo \"[$w]\"; done")
                .redirectErrorStream(true).start();
        String words = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(words.lines().toList()).containsExactly("[dlio-parquet]", "[datagen]", "[" + yaml + "]",
                "[" + time + "]", "[" + quote + "]", "[++workload.dataset.num_files_train=250]");
    }

    @Test
    void aBundledWorkloadIsFoundByName() {
        Result r = run("validate", "quickstart");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("workload OK: quickstart, parquet");
    }
}
