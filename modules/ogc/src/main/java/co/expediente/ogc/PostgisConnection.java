package co.expediente.ogc;

import java.net.URI;

/** Turns the application's JDBC settings into the libpq connection string MapServer uses. */
final class PostgisConnection {

    private PostgisConnection() {}

    static String fromJdbc(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        StringBuilder s = new StringBuilder();
        s.append("host=").append(value(uri.getHost() == null ? "localhost" : uri.getHost()));
        s.append(" port=").append(uri.getPort() > 0 ? uri.getPort() : 5432);
        s.append(" dbname=").append(value(db));
        if (user != null && !user.isBlank()) {
            s.append(" user=").append(value(user));
        }
        if (password != null && !password.isBlank()) {
            s.append(" password=").append(value(password));
        }
        s.append(" application_name=expediente-mapserver");
        return s.toString();
    }

    /** A libpq conninfo value: single-quoted with backslash escapes. */
    private static String value(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
