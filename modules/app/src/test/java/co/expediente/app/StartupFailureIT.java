package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration ends the packaged application with a sentence saying what is wrong and how
 * to fix it, not a stack trace.
 */
class StartupFailureIT {

    private static final Path JAR = Path.of("target", "expediente.jar");

    @Test
    void unreachableDatabaseIsExplained() throws Exception {
        String out = start(Map.of("EXPEDIENTE_DB_URL", "jdbc:postgresql://127.0.0.1:" + freePort() + "/expediente"));
        assertThat(out).contains("The PostGIS database is unreachable").contains("./expediente start");
    }

    @Test
    void missingMapServerIsExplained() throws Exception {
        String out = start(Map.of("EXPEDIENTE_MAPSERV", "/nonexistent/mapserv",
                "EXPEDIENTE_DB_URL", TestPostgis.get().jdbcUrl));
        assertThat(out).contains("MapServer (mapserv) not found at /nonexistent/mapserv")
                .contains("apt-get install cgi-mapserver");
    }

    @Test
    void mapServerPortTakenIsExplained() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String out = start(Map.of("EXPEDIENTE_MAPSERVER_PORT", String.valueOf(taken.getLocalPort()),
                    "EXPEDIENTE_DB_URL", TestPostgis.get().jdbcUrl));
            assertThat(out).contains("Port " + taken.getLocalPort()).contains("already in use")
                    .contains("EXPEDIENTE_MAPSERVER_PORT");
        }
    }

    private static String start(Map<String, String> env) throws Exception {
        assertThat(JAR).exists();
        ProcessBuilder pb = new ProcessBuilder(List.of("java", "-jar", JAR.toString())).redirectErrorStream(true);
        Map<String, String> e = new HashMap<>(Map.of(
                "EXPEDIENTE_PORT", String.valueOf(freePort()),
                "EXPEDIENTE_MAPSERVER_PORT", String.valueOf(freePort()),
                "EXPEDIENTE_RUN_DIR", Files.createTempDirectory("expediente-run").toString(),
                "EXPEDIENTE_DB_USER", TestPostgis.USER,
                "EXPEDIENTE_DB_PASSWORD", TestPostgis.PASSWORD));
        e.putAll(env);
        pb.environment().putAll(e);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("APPLICATION FAILED TO START").contains("Action:");
        assertThat(out).as("no stack trace").doesNotContain("\tat ");
        return out;
    }

    private static int freePort() throws Exception {
        return TestPostgis.freePort();
    }
}
