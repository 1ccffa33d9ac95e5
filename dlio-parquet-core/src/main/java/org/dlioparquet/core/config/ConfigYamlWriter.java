package org.dlioparquet.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes resolved key values back as nested DLIO-style YAML, with the storage credentials masked. */
final class ConfigYamlWriter {
    private static final String STORAGE_OPTIONS = "storage.storage_options";

    private ConfigYamlWriter() {
    }

    @SuppressWarnings("unchecked")
    static String write(Map<String, Object> resolved) {
        Map<String, Object> root = new LinkedHashMap<>();
        resolved.forEach((path, value) -> {
            KeyDef def = WorkloadSchema.find(path).orElse(null);
            if (def == null || def.support() == KeyDef.Support.IGNORED_BY_DLIO) {
                return;
            }
            String[] parts = path.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            }
            Object shown = path.equals(STORAGE_OPTIONS) && value instanceof Map<?, ?> m
                    ? StorageConfig.masked((Map<String, Object>) m) : value;
            node.put(parts[parts.length - 1], def.type().toYaml(shown));
        });
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        return "# resolved by dlio-parquet: every key with its effective value\n" + new Yaml(options).dump(root);
    }
}
