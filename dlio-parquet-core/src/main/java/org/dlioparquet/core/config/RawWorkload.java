package org.dlioparquet.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a workload as given (YAML file, then overrides, or the Java builder), before their
 * values are typed: a flat map from dotted key path to value and source.
 */
final class RawWorkload {
    private final Map<String, RawValue> values = new LinkedHashMap<>();
    private final Problems problems;

    RawWorkload(Problems problems) {
        this.problems = problems;
    }

    Optional<RawValue> get(String path) {
        return Optional.ofNullable(values.get(path));
    }

    Map<String, RawValue> values() {
        return values;
    }

    /**
     * Adds every key of a parsed YAML mapping.
     *
     * @param lines  1-based line of each key path, for messages
     * @param source label of the file, e.g. {@code unet3d.yaml}
     */
    void addTree(Map<?, ?> tree, Map<String, Integer> lines, String source) {
        addMapping("", tree, lines, source);
    }

    private void addMapping(String prefix, Map<?, ?> map, Map<String, Integer> lines, String source) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String rawKey = prefix + e.getKey();
            String path = normalize(rawKey);
            String where = lines.containsKey(rawKey) ? source + " line " + lines.get(rawKey) : source;
            Object value = e.getValue();
            if (WorkloadSchema.find(path).isPresent()) {
                values.put(path, new RawValue(value, where));
            } else if (WorkloadSchema.isSection(path)) {
                if (value instanceof Map<?, ?> sub) {
                    addMapping(rawKey + ".", sub, lines, source);
                } else if (value != null) {
                    problems.error(path, "is a section; expected a mapping of its keys, got "
                            + ValueTypes.show(value), where);
                }
            } else {
                unknown(path, where);
            }
        }
    }

    /**
     * Applies one override as DLIO users type them: {@code ++workload.reader.batch_size=8},
     * {@code +workload.a.b=v}, {@code workload.a.b=v}, {@code reader.batch_size=8};
     * {@code ~workload.a.b} resets a key to its default. The value is read as YAML, so
     * {@code [3,224,224]}, {@code True} and {@code {mean: 0.1}} work as on DLIO's command line.
     */
    void applyOverride(String text) {
        String source = "override " + text;
        String t = text.trim();
        boolean delete = t.startsWith("~");
        t = t.replaceFirst("^(\\+\\+|\\+|~)", "");
        int eq = t.indexOf('=');
        if (!delete && eq <= 0) {
            problems.error(t.isEmpty() ? text : t, "an override is key=value, e.g. ++workload.reader.batch_size=8", source);
            return;
        }
        String key = (eq < 0 ? t : t.substring(0, eq)).trim();
        if (key.startsWith("workload.")) {
            key = key.substring("workload.".length());
        }
        if (key.equals("hydra.run.dir")) {
            key = "output.folder";
        }
        String path = normalize(key);
        if (delete) {
            reset(path, source);
            return;
        }
        set(path, YamlValues.parseScalarOrFlow(t.substring(eq + 1)), source);
    }

    /** Sets one key path, including fields of distributions and entries of free-form sections. */
    void set(String path, Object value, String source) {
        if (WorkloadSchema.find(path).isPresent()) {
            values.put(path, new RawValue(value, source));
            return;
        }
        Optional<KeyDef> time = WorkloadSchema.timeKeyOf(path);
        if (time.isPresent()) {
            setField(time.get().path(), path.substring(path.lastIndexOf('.') + 1), value, source);
            return;
        }
        Optional<String> open = WorkloadSchema.openSectionOf(path);
        if (open.isPresent()) {
            setField(open.get(), path.substring(open.get().length() + 1), value, source);
            return;
        }
        if (WorkloadSchema.isSection(path) && value instanceof Map<?, ?> sub) {
            for (Map.Entry<?, ?> e : sub.entrySet()) {
                set(path + "." + e.getKey(), e.getValue(), source);
            }
            return;
        }
        unknown(path, source);
    }

    /**
     * {@code ~path}: back to the default. A key, a field of a free-form section or of a time
     * ({@code storage.storage_options.columns}, {@code train.computation_time.stdev}), or a whole
     * section ({@code ~workload.reader}); anything else is an unknown key, not silently nothing.
     */
    private void reset(String path, String source) {
        if (WorkloadSchema.find(path).isPresent()) {
            values.remove(path);
            return;
        }
        Optional<String> parent = WorkloadSchema.timeKeyOf(path).map(KeyDef::path)
                .or(() -> WorkloadSchema.openSectionOf(path));
        if (parent.isPresent()) {
            removeField(parent.get(), path.substring(parent.get().length() + 1), source);
            return;
        }
        if (WorkloadSchema.isSection(path)) {
            values.keySet().removeIf(k -> k.startsWith(path + "."));
            return;
        }
        unknown(path, source);
    }

    /** Removes {@code field} (possibly dotted) from the mapping value of {@code key}, if it is there. */
    private void removeField(String key, String field, String source) {
        RawValue current = values.get(key);
        if (current == null || !(current.value() instanceof Map<?, ?> map)) {
            return;
        }
        Map<String, Object> copy = deepCopy(map);
        Map<String, Object> target = copy;
        String[] parts = field.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(target.get(parts[i]) instanceof Map<?, ?>)) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> child = (Map<String, Object>) target.get(parts[i]);
            target = child;
        }
        target.remove(parts[parts.length - 1]);
        values.put(key, new RawValue(copy, source));
    }

    private static Map<String, Object> deepCopy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? deepCopy(m) : v));
        return out;
    }

    /** Sets {@code field} (possibly dotted) inside the mapping value of {@code key}. */
    @SuppressWarnings("unchecked")
    private void setField(String key, String field, Object value, String source) {
        Object current = values.containsKey(key) ? values.get(key).value() : null;
        Map<String, Object> map = new LinkedHashMap<>();
        if (current instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(String.valueOf(k), v));
        } else if (current != null && WorkloadSchema.timeKeyOf(key + ".mean").isPresent()) {
            map.put("mean", current); // a plain number is DLIO's {mean: number}
        }
        Map<String, Object> target = map;
        String[] parts = field.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = target.get(parts[i]);
            Map<String, Object> child = new LinkedHashMap<>();
            if (next instanceof Map<?, ?> m) {
                m.forEach((k, v) -> child.put(String.valueOf(k), v));
            }
            target.put(parts[i], child);
            target = child;
        }
        target.put(parts[parts.length - 1], value);
        values.put(key, new RawValue(map, source));
    }

    private void unknown(String path, String source) {
        Optional<String> near = KeySuggestions.nearest(path);
        problems.error(path, "unknown key" + near.map(n -> "; did you mean " + n + "?").orElse(""), source);
    }

    /** DLIO reads {@code data_reader} as an alias of {@code reader}. */
    private static String normalize(String path) {
        if (path.equals("data_reader") || path.startsWith("data_reader.")) {
            return "reader" + path.substring("data_reader".length());
        }
        return path;
    }

    static List<String> overridesOf(List<String> list) {
        return list == null ? List.of() : list;
    }
}
