package co.expediente.indicators;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * An indicator's sheet (ficha técnica), read from {@code indicators/<code>.yaml}.
 *
 * <p>{@code numerator.sql} and {@code denominator.sql} each return {@code (unit_id, amount)} for the
 * base-level units (barrios/veredas) in the year bound to {@code :year}. The engine sums both up
 * the hierarchy; with {@code aggregation: ratio} (the default) value = factor × Σnumerator /
 * Σdenominator, with {@code aggregation: sum} value = factor × Σnumerator and the denominator is
 * optional. {@code layers} names the tables of schema {@code layers} the numerator reads: a year
 * that one of them does not cover is "no data" with that reason.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record IndicatorDefinition(
        String code,
        int version,
        Map<String, String> name,
        String system,
        String subsystem,
        String type,
        String unit,
        String definition,
        String formula,
        double factor,
        String aggregation,
        String direction,
        Double standard,
        Baseline baseline,
        List<Target> targets,
        String periodicity,
        String source,
        String responsible,
        List<String> levels,
        List<String> layers,
        String notes,
        Term numerator,
        Term denominator,
        Classes classes,
        List<Change> changes) {

    public static final String RATIO = "ratio";
    public static final String SUM = "sum";

    public record Term(String description, String sql) {}

    public record Baseline(int year, double value) {}

    public record Target(String horizon, int year, double value) {}

    /** Change control of the sheet: who changed what, when and why. One entry per version. */
    public record Change(int version, String date, String author, String reason) {}

    /** ratio (default) or sum. */
    public String aggregationOrDefault() {
        return aggregation == null ? RATIO : aggregation;
    }

    public List<String> layersOrEmpty() {
        return layers == null ? List.of() : layers;
    }

    /**
     * Class breaks for maps: {@code breaks} are the upper bounds (exclusive) of all classes but the
     * last; {@code colors} has one more entry than {@code breaks}.
     */
    public record Classes(String method, List<Double> breaks, List<String> colors, String noDataColor) {

        /** Index of the class a value falls in. */
        public int classOf(double value) {
            int i = 0;
            while (i < breaks.size() && value >= breaks.get(i)) {
                i++;
            }
            return i;
        }

        @JsonIgnore
        public int size() {
            return colors.size();
        }
    }

    /** The name in the given language, Spanish when there is none. */
    public String name(String language) {
        return name.getOrDefault(language, name.get("es"));
    }
}
