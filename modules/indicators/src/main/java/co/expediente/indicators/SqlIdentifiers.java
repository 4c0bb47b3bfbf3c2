package co.expediente.indicators;

import java.util.regex.Pattern;

/**
 * The one place where an identifier is put into SQL text. Only plain lower-case names pass; they
 * are double-quoted as well, so nothing a definition says can escape the identifier.
 */
final class SqlIdentifiers {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SqlIdentifiers() {}

    /** {@code layers."<name>"} for a table of the layers schema. */
    static String layerTable(String name) {
        if (name == null || !PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain layer table name: " + name);
        }
        return "layers.\"" + name + "\"";
    }
}
