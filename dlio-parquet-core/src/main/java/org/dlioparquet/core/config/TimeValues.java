package org.dlioparquet.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and writes DLIO's emulated-time values: a number or a distribution dict. */
final class TimeValues {
    private static final Set<String> KEYS = Set.of("type", "mean", "stdev", "min", "max", "shape", "scale", "lam");

    private TimeValues() {
    }

    static TimeDistribution parse(Object raw) {
        if (raw == null) {
            return TimeDistribution.ZERO;
        }
        if (raw instanceof TimeDistribution t) {
            return t;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            return TimeDistribution.constant(nonNegative("", raw));
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown field '" + k + "' (known: type, mean, stdev, min, max, shape, scale, lam)");
            }
        }
        if (m.isEmpty()) {
            return TimeDistribution.ZERO;
        }
        Object type = m.get("type");
        if (type == null) {
            if (!m.containsKey("mean")) {
                throw new IllegalArgumentException("a distribution without 'type' needs 'mean' (and optionally 'stdev')");
            }
            double mean = nonNegative("mean", m.get("mean"));
            double stdev = m.containsKey("stdev") ? nonNegative("stdev", m.get("stdev")) : 0;
            return stdev == 0 ? TimeDistribution.constant(mean) : TimeDistribution.normal(mean, stdev);
        }
        switch (type.toString().trim().toLowerCase(Locale.ROOT)) {
            case "normal":
                return TimeDistribution.normal(nonNegative("mean", required(m, "mean", "normal")),
                        m.containsKey("stdev") ? nonNegative("stdev", m.get("stdev")) : 0);
            case "uniform": {
                double min = nonNegative("min", required(m, "min", "uniform"));
                double max = nonNegative("max", required(m, "max", "uniform"));
                if (min > max) {
                    throw new IllegalArgumentException("uniform needs min <= max, got min " + min + " > max " + max);
                }
                return TimeDistribution.uniform(min, max);
            }
            case "gamma":
                return TimeDistribution.gamma(positive("shape", required(m, "shape", "gamma")),
                        positive("scale", required(m, "scale", "gamma")));
            case "exponential":
                return TimeDistribution.exponential(positive("scale", required(m, "scale", "exponential")));
            case "poisson":
                return TimeDistribution.poisson(nonNegative("lam", required(m, "lam", "poisson")));
            default:
                throw new IllegalArgumentException("unknown distribution type '" + type
                        + "' (known: normal, uniform, gamma, exponential, poisson)");
        }
    }

    static Object toYaml(TimeDistribution t) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (t.kind()) {
            case CONSTANT:
                return t.mean();
            case NORMAL:
                m.put("mean", t.mean());
                m.put("stdev", t.stdev());
                break;
            case UNIFORM:
                m.put("type", "uniform");
                m.put("min", t.min());
                m.put("max", t.max());
                break;
            case GAMMA:
                m.put("type", "gamma");
                m.put("shape", t.shape());
                m.put("scale", t.scale());
                break;
            case EXPONENTIAL:
                m.put("type", "exponential");
                m.put("scale", t.scale());
                break;
            case POISSON:
                m.put("type", "poisson");
                m.put("lam", t.lam());
                break;
            default:
                throw new IllegalStateException(t.kind().toString());
        }
        return m;
    }

    private static Object required(Map<?, ?> m, String key, String type) {
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException(type + " needs '" + key + "'");
        }
        return m.get(key);
    }

    private static double nonNegative(String what, Object raw) {
        double v;
        try {
            v = ValueTypes.toDouble(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix(what) + "must be a number of seconds, got " + ValueTypes.show(raw));
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(prefix(what) + "must be a number of seconds >= 0, got "
                    + ValueTypes.fmt(v));
        }
        return v;
    }

    private static String prefix(String what) {
        return what.isEmpty() ? "" : what + " ";
    }

    private static double positive(String what, Object raw) {
        double v = nonNegative(what, raw);
        if (v == 0) {
            throw new IllegalArgumentException(what + " must be > 0");
        }
        return v;
    }
}
