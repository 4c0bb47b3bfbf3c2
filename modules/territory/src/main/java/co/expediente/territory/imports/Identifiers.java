package co.expediente.territory.imports;

import java.util.regex.Pattern;

/**
 * The one place where SQL identifiers are built from values. Every dynamic identifier of the
 * import (a staging table, a target table or column taken from the layer catalogue) goes through
 * {@link #quote}; nothing else concatenates names into SQL. Values never do: they are bind
 * parameters, including the names of source fields (read from JSON with {@code attrs->>:name}).
 *
 * <p>Audit rule: only names matching {@code [a-z_][a-z0-9_]{0,62}} are accepted, and they are
 * always double-quoted, so neither case folding nor reserved words nor injection can change
 * what the statement refers to.
 */
public final class Identifiers {

    private static final Pattern SAFE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Identifiers() {}

    /** A quoted identifier, e.g. {@code "imp_12"}. */
    public static String quote(String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe SQL identifier: " + name);
        }
        return '"' + name + '"';
    }

    /** A quoted schema-qualified name, e.g. {@code "staging"."imp_12"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + '.' + quote(name);
    }

    /** The staging table ogr2ogr loads an import's file into: {@code staging.imp_<id>}. */
    static String stagingTableName(long importId) {
        if (importId <= 0) {
            throw new IllegalArgumentException("import id must be positive: " + importId);
        }
        return "imp_" + importId;
    }
}
