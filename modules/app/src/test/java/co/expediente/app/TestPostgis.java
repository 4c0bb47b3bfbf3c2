package co.expediente.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One throwaway PostGIS for the whole test run (all integration test classes of this JVM): a
 * temporary cluster made with the local PostgreSQL + PostGIS binaries in target/, removed at exit.
 * {@code EXPEDIENTE_TEST_DB_URL} (with _USER/_PASSWORD) uses an existing database instead, e.g.
 * a postgis/postgis container on a machine with a Docker engine.
 */
final class TestPostgis {

    static final String USER = "expediente";
    static final String PASSWORD = "expediente";
    private static final String DATABASE = "expediente_test";

    private static TestPostgis instance;

    final String jdbcUrl;
    final String user;
    final String password;
    private final Path dir;
    private final Path bin;

    private TestPostgis(String jdbcUrl, String user, String password, Path dir, Path bin) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dir = dir;
        this.bin = bin;
    }

    static synchronized TestPostgis get() {
        if (instance == null) {
            String external = System.getenv("EXPEDIENTE_TEST_DB_URL");
            instance = external != null
                    ? new TestPostgis(external, System.getenv().getOrDefault("EXPEDIENTE_TEST_DB_USER", USER),
                            System.getenv().getOrDefault("EXPEDIENTE_TEST_DB_PASSWORD", PASSWORD), null, null)
                    : startLocalCluster();
        }
        return instance;
    }

    private static TestPostgis startLocalCluster() {
        try {
            Path bin = postgresBin();
            Path dir = Path.of("target", "it-postgres").toAbsolutePath();
            deleteTree(dir);
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            boolean root = isRoot();
            if (root) {
                // PostgreSQL refuses to run as root; the cluster belongs to the 'postgres' user.
                run(List.of("chown", "-R", "postgres:", dir.toString()));
            }
            run(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
            int port = freePort();
            Files.writeString(data.resolve("postgresql.conf"), """
                    port = %d
                    listen_addresses = '127.0.0.1'
                    unix_socket_directories = '%s'
                    fsync = off
                    synchronous_commit = off
                    full_page_writes = off
                    max_connections = 60
                    """.formatted(port, dir), java.nio.file.StandardOpenOption.APPEND);
            run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start"));
            TestPostgis pg = new TestPostgis("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE,
                    USER, PASSWORD, dir, bin);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "stop-test-postgis"));
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return pg;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the test PostGIS: " + e.getMessage()
                    + ". Install postgresql-15-postgis-3 (bash .ci/run does) or set EXPEDIENTE_TEST_DB_URL.", e);
        }
    }

    private void stop() {
        if (dir == null) {
            return;
        }
        try {
            run(asPostgres(isRoot(), bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            System.err.println("could not stop test PostGIS: " + e.getMessage());
        }
    }

    static Path postgresBin() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no PostgreSQL in /usr/lib/postgresql"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(boolean root, String... command) {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        return c;
    }

    static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
