package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line: the packaged jar run as {@code java -jar expediente.jar import …} (what
 * {@code ./expediente import} runs), its exit codes, and an import killed half-way.
 */
class ImportCliIT extends ImportIntegrationTest {

    private static final Path JAR = Path.of("target", "expediente.jar");
    private static final String ROADS = "layer: road\ncolumns: {source_id: id, name: nombre, hierarchy: {constant: arteria}}";

    private Path roads(String name, String... names) {
        List<String> f = new ArrayList<>();
        double lon = -75.58;
        for (String n : names) {
            f.add(feature("{\"type\":\"LineString\",\"coordinates\":[[%s,6.22],[%s,6.23]]}".formatted(n(lon), n(lon + 0.01)),
                    "{\"id\":\"" + n + "\",\"nombre\":\"" + n + "\"}"));
            lon += 0.002;
        }
        return write(name, featureCollection(f.toArray(String[]::new)));
    }

    private ProcessBuilder cli(String... args) {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(Map.of("EXPEDIENTE_DB_URL", jdbcUrl, "EXPEDIENTE_DB_USER", TestPostgis.get().user,
                "EXPEDIENTE_DB_PASSWORD", TestPostgis.get().password, "EXPEDIENTE_IMPORT_WORK_DIR", dir.resolve("work").toString()));
        return pb;
    }

    private record Outcome(int exit, String out, String err) {}

    private Outcome run(String... args) throws Exception {
        Process p = cli(args).redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void theCommandPrintsTheReportAndExitsWithItsStatus() throws Exception {
        Path mapping = write("vias.yaml", ROADS);
        Outcome ok = run("import", "road", roads("vias.geojson", "cli-a", "cli-b").toString(), "--year", "2040",
                "--mapping", mapping.toString(), "--json");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(ok.out());
        assertThat(report.path("status").asText()).isEqualTo("loaded");
        assertThat(report.path("counts").path("loaded").asInt()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM layers.road WHERE import_id = " + report.path("importId").asLong())).isEqualTo(2);

        Map<String, String> before = storedState();
        Path png = dir.resolve("foto.geojson");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        Outcome rejected = run("import", "road", png.toString(), "--year", "2041", "--mapping", mapping.toString());
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.out()).contains("RECHAZADA (no se escribió nada)").contains("imagen PNG");
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void anImportKilledHalfWayLeavesTheLayerIntactAndIsMarkedFailed() throws Exception {
        // The merge of this import sleeps inside its transaction (a trigger), and the process is killed there.
        jdbc.sql("ALTER DATABASE " + DATABASE + " SET client_connection_check_interval = '200ms'").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION public.test_slow_merge() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER test_slow_merge BEFORE INSERT ON layers.road FOR EACH ROW
                WHEN (NEW.name = 'lenta') EXECUTE FUNCTION public.test_slow_merge()""").update();
        Process p = null;
        try {
            run("road", roads("antes.geojson", "r1", "r2"), 2050, ROADS);
            Map<String, String> before = storedState();
            Path mapping = write("vias.yaml", ROADS);
            p = cli("import", "road", roads("lenta.geojson", "nueva", "lenta").toString(), "--year", "2051",
                    "--mapping", mapping.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == 0) {
                assertThat(p.isAlive()).as(Files.exists(dir.resolve("out.txt")) ? Files.readString(dir.resolve("out.txt")) : "").isTrue();
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(200);
            }
            long id = jdbc.sql("SELECT max(id) FROM layers.import WHERE source_name = 'lenta.geojson'").query(Long.class).single();
            assertThat(count("SELECT count(*) FROM layers.road WHERE valid_to = 2051")).as("closed only inside the open transaction").isZero();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9, half-way through the merge
            deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'PostgreSQL JDBC Driver' AND wait_event = 'PgSleep'") > 0) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(200);
            }
            assertThat(storedState()).isEqualTo(before);
            assertThat(imports.sweepInterrupted()).contains(id);
            assertThat(jdbc.sql("SELECT status FROM layers.import WHERE id = :id").param("id", id).query(String.class).single())
                    .isEqualTo("failed");
            assertThat(count("SELECT count(*) FROM staging.feature WHERE import_id = " + id)).isZero();
            assertThat(storedState()).isEqualTo(before);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            jdbc.sql("DROP TRIGGER test_slow_merge ON layers.road").update();
            jdbc.sql("DROP FUNCTION public.test_slow_merge()").update();
            jdbc.sql("ALTER DATABASE " + DATABASE + " RESET client_connection_check_interval").update();
        }
    }
}
