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
 * the hierarchy and divides: value = factor × Σnumerator / Σdenominator.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record IndicatorDefinition(
        String code,
        int version,
        Map<String, String> name,
        String system,
        String type,
        String unit,
        String definition,
        String formula,
        double factor,
        String direction,
        Double standard,
        Baseline baseline,
        List<Target> targets,
        String periodicity,
        String source,
        String responsible,
        List<String> levels,
        Term numerator,
        Term denominator,
        Classes classes) {

    public record Term(String description, String sql) {}

    public record Baseline(int year, double value) {}

    public record Target(String horizon, int year, double value) {}

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
