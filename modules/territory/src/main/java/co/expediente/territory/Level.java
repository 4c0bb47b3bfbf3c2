package co.expediente.territory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The tiers of the unit hierarchy. Indicators are aggregated and published per level; a level
 * groups the legal kinds of unit at that tier (a comuna and a corregimiento are both "comuna").
 */
public enum Level {
    MUNICIPIO("municipio", 0),
    COMUNA("comuna", 1),
    BARRIO("barrio", 2);

    private final String code;
    private final int depth;

    Level(String code, int depth) {
        this.code = code;
        this.depth = depth;
    }

    /** The value stored in {@code territory.unit.level} and used in URLs. */
    public String code() {
        return code;
    }

    public int depth() {
        return depth;
    }

    /** The base level: indicator numerators and denominators are measured here and summed upwards. */
    public static Level base() {
        return BARRIO;
    }

    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code.equals(wanted)).findFirst();
    }
}
