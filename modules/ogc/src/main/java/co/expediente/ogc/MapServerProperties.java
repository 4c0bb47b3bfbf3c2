package co.expediente.ogc;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application reaches MapServer ({@code expediente.mapserver.*}).
 *
 * @param managed     true: the application starts and stops lighttpd with the mapserv FastCGI workers
 *                    itself; false: MapServer is already running at {@code url} (e.g. another container)
 * @param url         MapServer's FastCGI endpoint over HTTP when not managed, e.g. http://mapserver:8081/mapserv
 * @param mapserv     the mapserv executable (Debian: /usr/bin/mapserv from cgi-mapserver)
 * @param lighttpd    the lighttpd executable that keeps the FastCGI workers alive
 * @param host        interface lighttpd listens on (loopback: only the application talks to it)
 * @param port        port lighttpd listens on
 * @param workers     number of persistent mapserv workers (one per core is a good start)
 * @param runDir      where generated mapfiles, configuration, sockets and logs go
 * @param dbConnection libpq connection string MapServer uses to read PostGIS; empty: derived from
 *                    spring.datasource
 */
@ConfigurationProperties("expediente.mapserver")
public record MapServerProperties(
        @DefaultValue("true") boolean managed,
        @DefaultValue("") String url,
        @DefaultValue("/usr/bin/mapserv") Path mapserv,
        @DefaultValue("/usr/sbin/lighttpd") Path lighttpd,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("8081") int port,
        @DefaultValue("2") int workers,
        @DefaultValue(".expediente/run") Path runDir,
        @DefaultValue("") String dbConnection) {

    /** Where requests for MapServer go. */
    public String endpoint() {
        return managed || url.isBlank() ? "http://" + host + ":" + port + "/mapserv" : url;
    }

    public Path mapfileDir() {
        return runDir.toAbsolutePath().resolve("mapfiles");
    }

    public Path mapfile() {
        return mapfileDir().resolve("expediente.map");
    }

    /** The mapfile with only one indicator's layers. */
    public Path mapfile(String indicatorCode) {
        return mapfileDir().resolve(indicatorCode + ".map");
    }
}
