package co.expediente.indicators;

import java.util.List;

/** The requested year has no computed values for an indicator. */
public class YearNotComputedException extends RuntimeException {
    public YearNotComputedException(String code, Integer year, List<Integer> years) {
        super(year == null
                ? "El indicador '" + code + "' aún no tiene valores calculados."
                : "El indicador '" + code + "' no tiene valores para " + year + ". Años disponibles: " + years);
    }
}
