package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's city generator ({@code bench/sql/generate_city.sql}, run by psql as {@code ./expediente
 * bench} runs it) at tiny scales, in a database of its own in the shared test cluster (the demo database
 * of the other integration tests is not touched): counts follow the scale as designed, the layers have
 * their yearly versions, and the same scale and seed give the same rows.
 */
class CityGeneratorIT {

    private static final String DATABASE = "expediente_citygen_it";

    private static String url;
    private static Path generator;

    @BeforeAll
    static void createDatabase() throws SQLException {
        TestPostgis pg = TestPostgis.get();
        url = pg.jdbcUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/postgres"), pg.user, pg.password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        Flyway.configure().dataSource(url, pg.user, pg.password).locations("classpath:db/migration").load().migrate();
        generator = projectFile("bench/sql/generate_city.sql");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        TestPostgis pg = TestPostgis.get();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/postgres"), pg.user, pg.password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void countsFollowTheScaleAndLayersHaveYearlyVersions() throws Exception {
        generate("0.01");
        // units do not scale: the synthetic grid has 16 comunas of 16 barrios and 5 corregimientos of 3 veredas
        assertThat(number("SELECT count(*) FROM territory.unit WHERE level = 'municipio'")).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM territory.unit WHERE level = 'comuna'")).isEqualTo(21);
        assertThat(number("SELECT count(*) FROM territory.unit WHERE level = 'barrio'")).isEqualTo(271);
        // population: 2.5 million x scale in 2025, ten years for every unit, growing
        assertThat(number("SELECT sum(population) FROM territory.population WHERE year = 2025")).isEqualTo(25_000);
        assertThat(number("SELECT count(*) FROM territory.population")).isEqualTo(2710);
        assertThat(number("SELECT count(DISTINCT year) FROM territory.households")).isEqualTo(10);
        assertThat(number("SELECT sum(population) FROM territory.population WHERE year = 2016"))
                .isLessThan(number("SELECT sum(population) FROM territory.population WHERE year = 2025"));
        // one dwelling point per dwelling of the households table, in every year
        for (int year : List.of(2016, 2020, 2025)) {
            assertThat(number(inForce("layers.dwelling", year)))
                    .isEqualTo(number("SELECT sum(dwellings) FROM territory.households WHERE year = " + year));
        }
        assertThat(number("SELECT count(*) FROM layers.dwelling WHERE valid_to IS NOT NULL")).isPositive();
        // scaled layers: exactly their share in 2025, with older versions besides
        assertThat(number(inForce("layers.public_space", 2025))).isEqualTo(200);
        assertThat(number("SELECT count(*) FROM layers.public_space")).isGreaterThan(200);
        assertThat(number(inForce("layers.public_space", 2016))).isLessThan(200);
        assertThat(number(inForce("layers.hazard_zone", 2025))).isEqualTo(500);
        assertThat(number("SELECT count(*) FROM layers.hazard_zone")).isGreaterThan(500);
        assertThat(number("SELECT count(*) FROM layers.facility")).isEqualTo(22);
        assertThat(number("SELECT count(*) FROM layers.housing_project")).isEqualTo(4);
        assertThat(number("SELECT count(*) FROM layers.cycleway")).isEqualTo(4);
        // every transit line keeps at least one station; lines, treatments, land classes do not scale
        assertThat(number("SELECT count(*) FROM layers.transit_station")).isEqualTo(10);
        assertThat(number("SELECT count(*) FROM layers.transit_line")).isEqualTo(10);
        assertThat(number(inForce("layers.land_class", 2025))).isEqualTo(3);
        assertThat(number(inForce("layers.treatment", 2025))).isPositive();
        // hazard polygons do not overlap (one per grid cell), and everything lies in the municipality
        assertThat(number("""
                SELECT count(*) FROM layers.hazard_zone a JOIN layers.hazard_zone b
                  ON a.id < b.id AND ST_Intersects(a.geom, b.geom)
                 AND a.valid_from < coalesce(b.valid_to, 9999) AND b.valid_from < coalesce(a.valid_to, 9999)
                """)).isZero();
        assertThat(number("""
                SELECT count(*) FROM layers.dwelling d, territory.unit m
                WHERE m.level = 'municipio' AND NOT ST_Intersects(d.geom, m.geom)
                """)).isZero();

        generate("0.02");
        assertThat(number("SELECT sum(population) FROM territory.population WHERE year = 2025")).isEqualTo(50_000);
        assertThat(number(inForce("layers.public_space", 2025))).isEqualTo(400);
        assertThat(number(inForce("layers.hazard_zone", 2025))).isEqualTo(1000);
        assertThat(number("SELECT count(*) FROM layers.facility")).isEqualTo(44);
        assertThat(number("SELECT count(*) FROM territory.unit WHERE level = 'barrio'")).isEqualTo(271);
    }

    @Test
    void sameScaleAndSeedGiveTheSameCity() throws Exception {
        String fingerprint = """
                SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
                  SELECT source_id || valid_from || coalesce(valid_to, 0) || ST_AsText(geom) AS x FROM layers.dwelling
                  UNION ALL SELECT source_id || level || valid_from || ST_AsText(geom) FROM layers.hazard_zone
                  UNION ALL SELECT source_id || type || valid_from || ST_AsText(geom) FROM layers.public_space
                  UNION ALL SELECT unit_id || '/' || year || '/' || population FROM territory.population) f
                """;
        generate("0.01");
        String first = text(fingerprint);
        generate("0.01");
        assertThat(text(fingerprint)).isEqualTo(first);
    }

    private static String inForce(String table, int year) {
        return "SELECT count(*) FROM " + table + " WHERE valid_from <= " + year + " AND (valid_to IS NULL OR valid_to > " + year + ")";
    }

    private static void generate(String scale) throws IOException, InterruptedException {
        TestPostgis pg = TestPostgis.get();
        URI db = URI.create(url.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(psql(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", db.getHost(), "-p", String.valueOf(db.getPort()), "-U", pg.user, "-d", DATABASE,
                "-v", "scale=" + scale, "-v", "units=grid", "-f", generator.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", pg.password == null ? "" : pg.password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("psql finished").isTrue();
        assertThat(p.exitValue()).as("psql -f generate_city.sql:%n%s", out).isZero();
    }

    private static String psql() {
        try {
            Path bundled = TestPostgis.postgresBin().resolve("psql");
            if (Files.isExecutable(bundled)) {
                return bundled.toString();
            }
        } catch (IOException noLocalPostgres) {
            // an external test database: psql from the PATH
        }
        return "psql";
    }

    private static long number(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private static String text(String sql) throws SQLException {
        TestPostgis pg = TestPostgis.get();
        try (Connection c = DriverManager.getConnection(url, pg.user, pg.password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A file of the project, from the module's directory (where Maven runs the test) or an ancestor. */
    private static Path projectFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
