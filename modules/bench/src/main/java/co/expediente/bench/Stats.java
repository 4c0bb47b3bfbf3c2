package co.expediente.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median, 90th percentile (linear interpolation between closest ranks), min and max of repeated timings. */
record Stats(int n, double p50, double p90, double min, double max) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Stats(sorted.size(), percentile(sorted, 50), percentile(sorted, 90), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    static double percentile(List<Double> sorted, double p) {
        double rank = p / 100 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
    }

    /** n, p50, p90, min, max as TSV fields (milliseconds, one decimal). */
    String tsv() {
        return String.format(Locale.ROOT, "%d\t%.1f\t%.1f\t%.1f\t%.1f", n, p50, p90, min, max);
    }
}
