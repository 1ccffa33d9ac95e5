package org.dlioparquet.core.config;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** YAML parsing with SnakeYAML's safe constructor: workload files and override values. */
final class YamlValues {
    private YamlValues() {
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // a workload nests five levels and uses no aliases; these bounds stop "billion laughs" and deep nesting
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(WorkloadLoader.MAX_WORKLOAD_BYTES);
        return new Yaml(new SafeConstructor(options));
    }

    /** A workload document: its mapping and the line of every key path. */
    record Document(Map<?, ?> tree, Map<String, Integer> lines) {
    }

    /**
     * Parses a workload document.
     *
     * @throws IllegalArgumentException with a one-line reason (and position) when it is not a YAML mapping
     */
    static Document parseDocument(String text) {
        Object loaded;
        Node root;
        try {
            Yaml y = yaml();
            root = y.compose(new StringReader(text));
            loaded = yaml().load(text);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1);
            throw new IllegalArgumentException("not valid YAML: " + oneLine(e.getProblem()) + where, e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + oneLine(e.getMessage()), e);
        }
        if (loaded == null) {
            return new Document(Map.of(), Map.of());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a workload must be a YAML mapping of sections (dataset:, reader:, ...)");
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (root instanceof MappingNode m) {
            indexLines("", m, lines);
        }
        // a file may wrap everything in "workload:" as DLIO's composed config does
        if (map.size() == 1 && map.get("workload") instanceof Map<?, ?> inner) {
            Map<String, Integer> unwrapped = new LinkedHashMap<>();
            lines.forEach((k, v) -> {
                if (k.startsWith("workload.")) {
                    unwrapped.put(k.substring("workload.".length()), v);
                }
            });
            return new Document(inner, unwrapped);
        }
        return new Document(map, lines);
    }

    private static void indexLines(String prefix, MappingNode node, Map<String, Integer> lines) {
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                String path = prefix + k.getValue();
                lines.put(path, k.getStartMark().getLine() + 1);
                if (t.getValueNode() instanceof MappingNode child) {
                    indexLines(path + ".", child, lines);
                }
            }
        }
    }

    /** An override's value: YAML when it parses ({@code 8}, {@code True}, {@code [1,2]}), else the text. */
    static Object parseScalarOrFlow(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            return text;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
