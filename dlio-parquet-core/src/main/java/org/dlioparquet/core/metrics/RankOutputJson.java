package org.dlioparquet.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <rank>_output.json} as DLIO writes it ({@code StatsCounter.save_data}): the host, then per
 * epoch the per-step {@code load}, {@code proc} and {@code compute} seconds of {@code block1} (and
 * {@code eval}), their {@code au} and {@code throughput} (this rank's samples/s, over DLIO's window
 * without its {@code steps - 2} defect), {@code /proc/meminfo} at the start of the epoch and the
 * epoch's {@code end}, then the host name.
 */
public final class RankOutputJson {
    private RankOutputJson() {
    }

    public static Map<String, Object> of(HostInfo host, boolean potentialCaching, List<EpochSpan> epochs,
                                         List<PhaseRecord> train, List<PhaseRecord> eval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host_memory_GB", host.memoryGiB());
        m.put("host_cpu_count", host.cpuCount());
        m.put("host_processor_name", host.processorName());
        m.put("potential_caching", potentialCaching ? 1 : 0);
        if (!host.cpuinfo().isEmpty()) {
            m.put("host_cpuinfo", host.cpuinfo());
        }
        if (!host.meminfo().isEmpty()) {
            m.put("host_meminfo", host.meminfo());
        }
        for (EpochSpan span : epochs) {
            PhaseRecord t = find(train, span.epoch());
            PhaseRecord v = find(eval, span.epoch());
            Map<String, Object> e = new LinkedHashMap<>();
            if (t == null) {
                e.put("start", SummaryJson.time(span.start())); // DLIO keeps it only when no training replaced the entry
            }
            Map<String, Object> load = new LinkedHashMap<>();
            Map<String, Object> proc = new LinkedHashMap<>();
            Map<String, Object> throughput = new LinkedHashMap<>();
            Map<String, Object> au = new LinkedHashMap<>();
            Map<String, Object> compute = new LinkedHashMap<>();
            e.put("load", load);
            e.put("proc", proc);
            e.put("throughput", throughput);
            e.put("au", au);
            e.put("compute", compute);
            if (t != null) {
                block(t, "block1", load, proc, throughput, au, compute);
                if (!span.hostMeminfo().isEmpty()) {
                    e.put("host_meminfo", span.hostMeminfo());
                }
            }
            if (v != null) {
                block(v, "eval", load, proc, throughput, au, compute);
            }
            e.put("end", SummaryJson.time(span.end()));
            m.put(Integer.toString(span.epoch()), e);
        }
        m.put("hostname", host.hostname());
        return m;
    }

    private static void block(PhaseRecord r, String key, Map<String, Object> load, Map<String, Object> proc,
                              Map<String, Object> throughput, Map<String, Object> au, Map<String, Object> compute) {
        StepTimes s = r.steps();
        List<Double> l = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < s.steps(); i++) {
            l.add(s.load(i));
            p.add(s.proc(i));
            c.add(s.compute(i));
        }
        load.put(key, l);
        proc.put(key, p);
        throughput.put(key, r.metrics().samplesPerSecond());
        au.put(key, r.metrics().au());
        compute.put(key, c);
    }

    private static PhaseRecord find(List<PhaseRecord> records, int epoch) {
        for (PhaseRecord r : records) {
            if (r.epoch() == epoch) {
                return r;
            }
        }
        return null;
    }
}
