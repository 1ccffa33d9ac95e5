package org.dlioparquet.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the parent and a child JVM talk: the parent passes the {@link CaseSpec} as one JSON
 * argument and writes {@code rep} or {@code end} lines to the child's stdin; the child answers
 * each with one JSON line on stdout, prefixed so that stray output is ignored.
 */
final class ChildProtocol {
    static final String PREFIX = "dlio-bench-event ";
    static final String REP = "rep";
    static final String END = "end";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildProtocol() {
    }

    enum Type { READY, REP, END, ERROR }

    /** A child's answer: a measurement (ready, rep), its memory (end) or what went wrong (error). */
    record Event(Type type, RepMeasure measure, ChildMemory memory, String message) {
    }

    static String specJson(CaseSpec spec) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", spec.name());
        n.put("kind", spec.kind().name());
        n.put("workload", spec.workload());
        ArrayNode overrides = n.putArray("overrides");
        spec.overrides().forEach(overrides::add);
        n.put("threads", spec.threads());
        n.put("steps", spec.steps());
        n.put("seconds", spec.seconds());
        n.put("warmUp", spec.warmUp());
        return n.toString();
    }

    static CaseSpec parseSpec(String json) {
        JsonNode n = read(json);
        List<String> overrides = new ArrayList<>();
        n.path("overrides").forEach(o -> overrides.add(o.asText()));
        String workload = n.path("workload").isNull() ? null : n.path("workload").asText(null);
        return new CaseSpec(n.path("name").asText(), CaseSpec.Kind.valueOf(n.path("kind").asText()), workload,
                overrides, n.path("threads").asInt(), n.path("steps").asInt(), n.path("seconds").asDouble(),
                n.path("warmUp").asBoolean());
    }

    static String measureLine(Type type, RepMeasure m) {
        ObjectNode n = event(type);
        ObjectNode values = n.putObject("values");
        m.values().forEach(values::put);
        ArrayNode samples = n.putArray("samples");
        for (double s : m.samples()) {
            samples.add(s);
        }
        return PREFIX + n;
    }

    static String endLine(ChildMemory memory) {
        return PREFIX + withMemory(event(Type.END), memory);
    }

    /** A failure, with the memory used up to it (what an out-of-memory check reports). */
    static String errorLine(String message, ChildMemory memory) {
        ObjectNode n = withMemory(event(Type.ERROR), memory);
        n.put("message", message);
        return PREFIX + n;
    }

    private static ObjectNode withMemory(ObjectNode n, ChildMemory memory) {
        n.put("peakHeapBytes", memory.peakHeapBytes());
        n.put("heapAfterGcBytes", memory.heapAfterGcBytes());
        n.put("peakRssBytes", memory.peakRssBytes());
        n.put("maxHeapBytes", memory.maxHeapBytes());
        return n;
    }

    /** The event on a child's output line; empty for any other line. */
    static Optional<Event> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        JsonNode n = read(line.substring(PREFIX.length()));
        Type type = Type.valueOf(n.path("event").asText());
        return Optional.of(switch (type) {
            case READY, REP -> new Event(type, measure(n), null, null);
            case END -> new Event(type, null, memory(n), null);
            case ERROR -> new Event(type, null, memory(n), n.path("message").asText());
        });
    }

    private static ChildMemory memory(JsonNode n) {
        return new ChildMemory(n.path("peakHeapBytes").asLong(-1), n.path("heapAfterGcBytes").asLong(-1),
                n.path("peakRssBytes").asLong(-1),
                n.path("maxHeapBytes").asLong(-1));
    }

    private static RepMeasure measure(JsonNode n) {
        Map<String, Double> values = new LinkedHashMap<>();
        n.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
        JsonNode s = n.path("samples");
        double[] samples = new double[s.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = s.get(i).asDouble();
        }
        return new RepMeasure(values, samples);
    }

    private static ObjectNode event(Type type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", type.name());
        return n;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark message: " + e.getOriginalMessage());
        }
    }
}
