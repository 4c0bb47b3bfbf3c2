package co.expediente.ogc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import co.expediente.indicators.IndicatorCatalogue;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs MapServer as persistent FastCGI workers: lighttpd's mod_fastcgi spawns {@code workers}
 * mapserv processes, keeps them alive and replaces one that dies. The application owns this
 * process tree: it starts it with the context and leaves nothing behind when it stops.
 */
@Component
public class MapServerProcess implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MapServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final MapServerProperties props;
    private final IndicatorCatalogue catalogue;
    private volatile Process lighttpd;

    public MapServerProcess(MapServerProperties props, IndicatorCatalogue catalogue) {
        this.props = props;
        this.catalogue = catalogue;
    }

    @Override
    public void start() {
        if (!props.managed()) {
            log.info("MapServer is external at {}", props.endpoint());
            return;
        }
        requireExecutable(props.mapserv(), "MapServer (mapserv)", "cgi-mapserver", "EXPEDIENTE_MAPSERV");
        requireExecutable(props.lighttpd(), "lighttpd", "lighttpd", "EXPEDIENTE_LIGHTTPD");
        requirePortFree();
        try {
            Path run = props.runDir().toAbsolutePath();
            Files.createDirectories(run.resolve("www"));
            Files.createDirectories(run.resolve("logs"));
            Files.createDirectories(props.mapfileDir());
            Path mapserverConfig = run.resolve("mapserver.conf");
            Files.writeString(mapserverConfig, mapserverConfig());
            Path lighttpdConfig = run.resolve("lighttpd.conf");
            Files.writeString(lighttpdConfig, lighttpdConfig(mapserverConfig));
            ProcessBuilder pb = new ProcessBuilder(props.lighttpd().toString(), "-D", "-f", lighttpdConfig.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolve("logs/lighttpd.out").toFile()));
            lighttpd = pb.start();
            waitUntilListening(run);
            log.info("MapServer: {} FastCGI workers under lighttpd (pid {}) at {}",
                    props.workers(), lighttpd.pid(), props.endpoint());
        } catch (IOException e) {
            throw new MapServerUnavailableException("Could not start lighttpd for MapServer: " + e.getMessage(),
                    "Check that " + props.runDir().toAbsolutePath() + " is writable.");
        }
    }

    private void waitUntilListening(Path run) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!lighttpd.isAlive()) {
                throw new MapServerUnavailableException(
                        "lighttpd exited at start (code " + lighttpd.exitValue() + "); see "
                                + run.resolve("logs/lighttpd.out") + " and " + run.resolve("logs/lighttpd-error.log"),
                        "Fix the error shown in those logs (often a port in use or a missing module).");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(props.host(), props.port()), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        stop();
        throw new MapServerUnavailableException("lighttpd did not listen on " + props.host() + ":" + props.port()
                + " within " + START_TIMEOUT.toSeconds() + " s", "See " + run.resolve("logs") + ".");
    }

    private void requireExecutable(Path path, String what, String debianPackage, String variable) {
        if (!Files.isExecutable(path)) {
            throw new MapServerUnavailableException(what + " not found at " + path + ".",
                    "Install it (Debian/Ubuntu: sudo apt-get install " + debianPackage + ") or point "
                            + variable + " at the executable; ./expediente demo installs it for you.");
        }
    }

    private void requirePortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(props.host(), props.port()));
        } catch (IOException e) {
            throw new MapServerUnavailableException(
                    "Port " + props.port() + " on " + props.host() + " for MapServer is already in use.",
                    "Stop what uses it (./expediente stop if it is an earlier Expediente) or choose another port "
                            + "with EXPEDIENTE_MAPSERVER_PORT.");
        }
    }

    String mapserverConfig() {
        // MapServer 8 reads this file (MAPSERVER_CONFIG_FILE). MS_MAP_NO_PATH forbids ?map=/some/path:
        // requests use MS_MAPFILE, or an alias of the MAPS block: the full mapfile, and one per
        // indicator (MapfileRouting).
        return """
                CONFIG
                  ENV
                    MS_MAP_NO_PATH "1"
                    MS_MAPFILE %1$s
                    MS_ERRORFILE %2$s
                  END
                  MAPS
                    %3$s %1$s
                %4$s  END
                END
                """.formatted(MapfileWriter.quote(props.mapfile().toString()),
                MapfileWriter.quote(props.runDir().toAbsolutePath().resolve("logs/mapserver.log").toString()),
                MapfileRouting.FULL,
                catalogue.all().stream().map(d -> "    " + MapfileRouting.alias(d.code()) + " "
                        + MapfileWriter.quote(props.mapfile(d.code()).toString()) + "\n").collect(Collectors.joining()));
    }

    String lighttpdConfig(Path mapserverConfig) {
        Path run = props.runDir().toAbsolutePath();
        return """
                # Generated by Expediente. lighttpd only hosts the mapserv FastCGI workers on loopback.
                server.modules = ("mod_fastcgi")
                server.bind = "%s"
                server.port = %d
                server.document-root = "%s"
                server.errorlog = "%s"
                server.max-connections = 512
                fastcgi.server = ( "/mapserv" => ((
                    "socket" => "%s",
                    "bin-path" => "%s",
                    "max-procs" => %d,
                    "check-local" => "disable",
                    "bin-environment" => ( "MAPSERVER_CONFIG_FILE" => "%s", "MS_MAPFILE" => "%s" ),
                    "bin-copy-environment" => ( "PATH", "LANG", "PROJ_DATA", "PROJ_LIB", "GDAL_DATA" )
                )))
                """.formatted(props.host(), props.port(), run.resolve("www"), run.resolve("logs/lighttpd-error.log"),
                run.resolve("mapserv.sock"), props.mapserv(), props.workers(), mapserverConfig, props.mapfile());
    }

    @Override
    public void stop() {
        Process p = lighttpd;
        if (p == null) {
            return;
        }
        List<ProcessHandle> workers = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        // A mapserv worker waits for one more request on SIGTERM; workers are stateless, so kill them.
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        lighttpd = null;
        log.info("MapServer workers stopped");
    }

    /** Process ids of the mapserv FastCGI workers now alive (for operations and tests). */
    public List<Long> workerPids() {
        Process p = lighttpd;
        return p == null ? List.of() : p.children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    @Override
    public boolean isRunning() {
        Process p = lighttpd;
        return p != null && p.isAlive();
    }

    @Override
    public int getPhase() {
        // start before the web server accepts requests, stop after it
        return Integer.MAX_VALUE - 2048;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
