package org.dlioparquet.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlioparquet.core.config.ReaderConfig;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * What {@code summary.json} says about DLIO's data loader: the JVM runner stands in for whichever
 * loader the workload names (tf.data, PyTorch's DataLoader, DALI), so the summary records which
 * one was asked for, how its settings were emulated, and which of them have no equivalent here.
 */
final class LoaderEmulation {
    private LoaderEmulation() {
    }

    static Map<String, Object> of(WorkloadConfig config) {
        ReaderConfig r = config.reader();
        String loader = r.dataLoader();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("framework", config.framework());
        m.put("data_loader", loader);
        m.put("emulated_by", String.format(Locale.ROOT, "dlio-parquet's reader threads: %d thread(s) "
                + "(reader.read_threads) each load whole batches, %d batch(es) ahead (reader.prefetch_size), samples "
                + "in the order of reader.file_shuffle=%s and reader.sample_shuffle=%s, read_type %s; the format's "
                + "reader reads the bytes DLIO's %s reader reads", Math.max(1, r.readThreads()), r.prefetchSize(),
                lower(r.fileShuffle()), lower(r.sampleShuffle()), lower(r.readType()), loader));
        if (String.valueOf(config.dataset().format()).equals("tfrecord")) {
            // TensorFlow checks every record's CRCs, DALI none: a key chooses, the default is the safe one
            m.put("payload_crc", r.skipPayloadCrc() ? "not checked (reader.skip_payload_crc, as DALI's reader)"
                    : "checked, as TensorFlow's reader checks it (DALI's does not: reader.skip_payload_crc)");
        }
        m.put("not_emulated", notEmulated(loader));
        return m;
    }

    /** The loader's own knobs that have no equivalent in the JVM runner. */
    private static List<String> notEmulated(String loader) {
        List<String> keys = new ArrayList<>();
        switch (loader) {
            case "tensorflow" -> keys.addAll(List.of("reader.shuffle_size (tf.data shuffle buffer)",
                    "reader.computation_threads (tf.data map parallelism)"));
            case "pytorch" -> keys.addAll(List.of("reader.pin_memory", "reader.multiprocessing_context"));
            case "dali", "native_dali" -> keys.addAll(List.of("reader.dont_use_mmap",
                    "reader.computation_threads", "reader.shuffle_size"));
            default -> keys.add("the " + loader + " loader itself: the JVM runner reads the dataset as for pytorch");
        }
        return keys;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
