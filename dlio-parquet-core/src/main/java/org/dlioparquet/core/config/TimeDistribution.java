package org.dlioparquet.core.config;

import java.util.random.RandomGenerator;

/**
 * An emulated duration in seconds: {@code train.computation_time}, {@code evaluation.eval_time},
 * {@code reader.preprocess_time}. DLIO accepts a number ({@code 0.5}), a dict with {@code mean}
 * and optional {@code stdev} (normal), or a dict with a {@code type}: {@code normal(mean, stdev)},
 * {@code uniform(min, max)}, {@code gamma(shape, scale)}, {@code exponential(scale)},
 * {@code poisson(lam)}. Like DLIO, a drawn value is made non-negative with {@code abs}.
 */
public record TimeDistribution(Kind kind, double mean, double stdev, double min, double max, double shape,
                               double scale, double lam) {

    public enum Kind { CONSTANT, NORMAL, UNIFORM, GAMMA, EXPONENTIAL, POISSON }

    public static final TimeDistribution ZERO = constant(0);

    public static TimeDistribution constant(double seconds) {
        return new TimeDistribution(Kind.CONSTANT, seconds, 0, 0, 0, 0, 0, 0);
    }

    public static TimeDistribution normal(double mean, double stdev) {
        return new TimeDistribution(Kind.NORMAL, mean, stdev, 0, 0, 0, 0, 0);
    }

    public static TimeDistribution uniform(double min, double max) {
        return new TimeDistribution(Kind.UNIFORM, (min + max) / 2, 0, min, max, 0, 0, 0);
    }

    public static TimeDistribution gamma(double shape, double scale) {
        return new TimeDistribution(Kind.GAMMA, shape * scale, 0, 0, 0, shape, scale, 0);
    }

    public static TimeDistribution exponential(double scale) {
        return new TimeDistribution(Kind.EXPONENTIAL, scale, 0, 0, 0, 0, scale, 0);
    }

    public static TimeDistribution poisson(double lam) {
        return new TimeDistribution(Kind.POISSON, lam, 0, 0, 0, 0, 0, lam);
    }

    /** True when every draw is zero: the step has no emulated time. */
    public boolean isZero() {
        return kind == Kind.CONSTANT && mean == 0;
    }

    /** The expected value in seconds. */
    public double expectedSeconds() {
        return mean;
    }

    /** One draw, in seconds, never negative. */
    public double sample(RandomGenerator random) {
        double v = switch (kind) {
            case CONSTANT -> mean;
            case NORMAL -> stdev == 0 ? mean : mean + stdev * random.nextGaussian();
            case UNIFORM -> min == max ? min : min + (max - min) * random.nextDouble();
            case GAMMA -> scale * gammaStandard(shape, random);
            case EXPONENTIAL -> -scale * Math.log(1 - random.nextDouble());
            case POISSON -> poissonDraw(lam, random);
        };
        return Math.abs(v);
    }

    /** Marsaglia and Tsang's method; shape below 1 through the boost {@code U^(1/shape)}. */
    private static double gammaStandard(double shape, RandomGenerator random) {
        if (shape <= 0) {
            return 0;
        }
        if (shape < 1) {
            return gammaStandard(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Knuth's product method for small means, a rounded normal approximation above 60. */
    private static double poissonDraw(double lam, RandomGenerator random) {
        if (lam <= 0) {
            return 0;
        }
        if (lam > 60) {
            return Math.max(0, Math.round(lam + Math.sqrt(lam) * random.nextGaussian()));
        }
        double limit = Math.exp(-lam);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> Double.toString(mean);
            case NORMAL -> "normal(mean=" + mean + ", stdev=" + stdev + ")";
            case UNIFORM -> "uniform(min=" + min + ", max=" + max + ")";
            case GAMMA -> "gamma(shape=" + shape + ", scale=" + scale + ")";
            case EXPONENTIAL -> "exponential(scale=" + scale + ")";
            case POISSON -> "poisson(lam=" + lam + ")";
        };
    }
}
