package org.dlioparquet.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.DlioException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What one run left in its output folder: {@code summary.json} (required), {@code config.yaml},
 * every {@code <rank>_per_epoch_stats.json} and {@code <rank>_timeline.json}.
 */
final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANK_FILE = Pattern.compile("(\\d+)_(per_epoch_stats|timeline)\\.json");

    final Path folder;
    final JsonNode summary;
    /** {@code config.yaml} flattened to dotted keys; empty when the folder has none. */
    final Map<String, String> config;
    final SortedMap<Integer, JsonNode> epochStats;
    final SortedMap<Integer, JsonNode> timelines;

    private RunFolder(Path folder, JsonNode summary, Map<String, String> config,
                      SortedMap<Integer, JsonNode> epochStats, SortedMap<Integer, JsonNode> timelines) {
        this.folder = folder;
        this.summary = summary;
        this.config = config;
        this.epochStats = epochStats;
        this.timelines = timelines;
    }

    /**
     * @throws DlioException     when {@code folder} is not a run's output folder (no {@code summary.json})
     * @throws DataFileException when one of its files is not what the run writes
     */
    static RunFolder read(Path folder) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new DlioException(dir + ": not a folder; report takes the output folder of a run");
        }
        Path summaryFile = dir.resolve(RunReport.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            throw new DlioException(dir + ": no " + RunReport.SUMMARY + "; report takes the output folder of a run "
                    + "that trained or evaluated (the process with rank 0 writes summary.json)");
        }
        JsonNode summary = json(summaryFile);
        if (!summary.isObject() || !summary.has("metric")) {
            throw new DataFileException(summaryFile, "not a run summary: no 'metric' object");
        }
        SortedMap<Integer, JsonNode> stats = new TreeMap<>();
        SortedMap<Integer, JsonNode> timelines = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                Matcher m = RANK_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    int rank = Integer.parseInt(m.group(1));
                    JsonNode node = json(f);
                    if (!node.isObject()) {
                        throw new DataFileException(f, "expected a JSON object");
                    }
                    (m.group(2).equals("timeline") ? timelines : stats).put(rank, node);
                }
            }
        }
        for (Map.Entry<Integer, JsonNode> t : timelines.entrySet()) {
            if (!t.getValue().path("phases").isArray()) {
                throw new DataFileException(dir.resolve(t.getKey() + "_timeline.json"), "no 'phases' list");
            }
        }
        return new RunFolder(dir, summary, config(dir.resolve("config.yaml")), stats, timelines);
    }

    private static JsonNode json(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new DataFileException(file, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> config(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return out;
        }
        try {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (tree instanceof Map<?, ?> map) {
                flatten("", map, out);
            }
        } catch (YAMLException e) {
            throw new DataFileException(file, "not valid YAML: " + e.getMessage());
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(key + ".", child, out);
            } else {
                out.put(key, String.valueOf(e.getValue()));
            }
        }
    }

    JsonNode metric() {
        return summary.path("metric");
    }

    /** A number of {@code summary.json}'s metric object, or NaN. */
    double metric(String key) {
        JsonNode n = metric().get(key);
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** A per-epoch list of the metric object; empty when absent. */
    List<Double> metricList(String key) {
        List<Double> out = new ArrayList<>();
        JsonNode n = metric().get(key);
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.isNumber() ? v.asDouble() : Double.NaN));
        }
        return out;
    }

    boolean hasTraining() {
        return metric().has("train_au_mean_percentage");
    }

    boolean hasEvaluation() {
        return metric().has("eval_au_mean_percentage");
    }

    /** Epoch numbers with a training block (or evaluation), from the lowest rank's per-epoch stats. */
    List<Integer> epochNumbers(boolean eval, int count) {
        List<Integer> out = new ArrayList<>();
        if (!epochStats.isEmpty()) {
            JsonNode stats = epochStats.get(epochStats.firstKey());
            stats.fieldNames().forEachRemaining(k -> {
                JsonNode e = stats.get(k);
                if (k.matches("\\d+") && (eval ? e.has("eval") : e.has("block1"))) {
                    out.add(Integer.parseInt(k));
                }
            });
        }
        if (out.size() != count) {
            out.clear();
            for (int i = 1; i <= count; i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** The folder's name, to label a run in a comparison. */
    String name() {
        return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
    }

    String text(String key) {
        JsonNode n = summary.get(key);
        return n == null || n.isNull() ? "" : n.isValueNode() ? n.asText() : n.toString();
    }

    JsonNode additions() {
        return summary.path("dlio_parquet");
    }
}
