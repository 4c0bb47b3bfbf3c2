package co.expediente.indicators;

import java.util.Comparator;
import java.util.Optional;

/**
 * How progress against the plan's targets is judged (docs/progress.md).
 *
 * <p>For a unit and year: baseline b = the unit's own value in the sheet's baseline year; target t =
 * the first target whose year is not before the year (the horizon in force; after the last horizon,
 * the last target); progress p = (value − b) / (t − b); expected share e = (year − baseline year) /
 * (target year − baseline year), at most 1. Status, in this order: no data (value or baseline
 * missing); baseline (year not after the baseline year); target achieved (value at or beyond t in
 * the desired direction); deterioration (value worse than b); substantial (p ≥ 0.9·e); moderate
 * (p ≥ 0.5·e); limited otherwise.
 */
public final class ProgressMethod {

    public static final double SUBSTANTIAL = 0.9;
    public static final double MODERATE = 0.5;

    private ProgressMethod() {}

    /** The target in force in a year, if the sheet has targets. */
    public static Optional<IndicatorDefinition.Target> targetFor(IndicatorDefinition d, int year) {
        if (d.targets() == null || d.targets().isEmpty()) {
            return Optional.empty();
        }
        return d.targets().stream().filter(t -> t.year() >= year).min(Comparator.comparingInt(IndicatorDefinition.Target::year))
                .or(() -> d.targets().stream().max(Comparator.comparingInt(IndicatorDefinition.Target::year)));
    }

    /** Share of the way from the baseline year to the target year that has elapsed by a year (0–1). */
    public static double expectedShare(int baselineYear, int targetYear, int year) {
        if (targetYear <= baselineYear) {
            return 1;
        }
        return Math.max(0, Math.min(1, (double) (year - baselineYear) / (targetYear - baselineYear)));
    }

    /** +1 when larger values are better, −1 when smaller are. */
    public static int sign(IndicatorDefinition d) {
        return "decrease".equals(d.direction()) ? -1 : 1;
    }
}
