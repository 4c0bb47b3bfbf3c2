package co.expediente.territory.imports;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database as GDAL's PostgreSQL driver wants it: a {@code PG:} connection string without the
 * password (which travels in the {@code PGPASSWORD} environment variable, off the command line).
 */
record PgConnection(String dataset, Map<String, String> env) {

    static PgConnection fromJdbc(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> parts = new ArrayList<>();
        parts.add("host=" + (uri.getHost() == null ? "localhost" : uri.getHost()));
        parts.add("port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()));
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        parts.add("dbname=" + quote(db));
        if (user != null && !user.isBlank()) {
            parts.add("user=" + quote(user));
        }
        parts.add("application_name=expediente-import");
        return new PgConnection("PG:" + String.join(" ", parts),
                password == null ? Map.of() : Map.of("PGPASSWORD", password));
    }

    /** libpq quoting of a value: single quotes, with backslash and quote escaped. */
    private static String quote(String value) {
        if (value.matches("[A-Za-z0-9_.-]+")) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
