package co.expediente.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Extra databases in the shared test PostGIS cluster ({@link TestPostgis}), for tests that must not
 * touch the demo data the other integration tests check: created empty (dropped first if a previous
 * run left it), migrated by the application's Flyway at start-up.
 */
final class TestDatabases {

    private TestDatabases() {}

    /** Creates database {@code name} and returns its JDBC URL. */
    static synchronized String create(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException(name);
        }
        TestPostgis pg = TestPostgis.get();
        String base = pg.jdbcUrl.substring(0, pg.jdbcUrl.lastIndexOf('/'));
        try (Connection c = DriverManager.getConnection(base + "/postgres", pg.user, pg.password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return base + "/" + name;
    }
}
