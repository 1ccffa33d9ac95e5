package org.dlioparquet.core.format.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reader.skip_payload_crc} reaches the TFRecord reader through a whole run, and the summary says which. */
class SkipPayloadCrcRunTest {
    @TempDir
    Path dir;

    private WorkloadConfig config(String... extra) {
        List<String> o = new ArrayList<>(List.of("dataset.format=tfrecord",
                "dataset.data_folder='" + dir.resolve("data") + "'", "dataset.num_files_train=1", "dataset.num_samples_per_file=4", "dataset.record_length_bytes=4096",
                "reader.batch_size=2", "train.epochs=1", "train.computation_time=0", "workflow.generate_data=False",
                "workflow.train=True", "output.folder='" + dir.resolve("out") + "'"));
        o.addAll(List.of(extra));
        return new WorkloadLoader().fromOverrides(o);
    }

    @Test
    void aFlippedImageBitFailsTheEpochUnlessPayloadCrcsAreSkipped() throws IOException {
        assertThat(config().reader().skipPayloadCrc()).as("default").isFalse();
        Dlio.generate(config());
        Path file;
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            file = files.filter(p -> p.toString().endsWith(".tfrecord")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 4 - ExampleCodec.layout(4096, 4096).suffix().length - 100] ^= 0x04; // last record's image
        Files.write(file, bytes);

        assertThatThrownBy(() -> Dlio.run(config(), RunOptions.defaults())).isInstanceOf(DataFileException.class)
                .hasMessageContaining("payload CRC mismatch");

        RunResult asDali = Dlio.run(config("reader.skip_payload_crc=True", "reader.data_loader=dali"),
                RunOptions.defaults());
        assertThat(asDali.summary().epochs().get(0).train().samples()).isEqualTo(4);
        Map<?, ?> summary = new ObjectMapper().readValue(asDali.outputFolder().resolve("summary.json").toFile(),
                Map.class);
        Map<?, ?> loader = (Map<?, ?>) ((Map<?, ?>) summary.get("dlio_parquet")).get("loader");
        assertThat(String.valueOf(loader.get("payload_crc"))).startsWith("not checked");
    }
}
