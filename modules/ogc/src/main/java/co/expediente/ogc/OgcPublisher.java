package co.expediente.ogc;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorEngine;
import co.expediente.indicators.IndicatorValueRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Regenerates the mapfile from the catalogue whenever what it shows changes (start-up, a finished
 * indicator run) and swaps it in atomically: a request reads the old file or the new one, never a
 * half-written one.
 */
@Component
public class OgcPublisher {

    private static final Logger log = LoggerFactory.getLogger(OgcPublisher.class);
    /**
     * The units' extent with a 5 km margin: MapServer answers a WFS request without BBOX within the
     * map's extent, and thematic features (a station, a school) may lie just outside the municipality.
     */
    private static final String EXTENT = """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), ST_XMin(w), ST_YMin(w), ST_XMax(w), ST_YMax(w)
            FROM (SELECT ST_Expand(ST_Extent(geom)::geometry, 5000) AS e FROM territory.unit) x
            CROSS JOIN LATERAL ST_Transform(ST_SetSRID(e, 9377), 3857) AS w
            WHERE e IS NOT NULL
            """;
    private static final String TITLE = "SELECT name FROM territory.unit WHERE level = 'municipio' ORDER BY code LIMIT 1";
    private static final String LAST_RUN = "SELECT coalesce(max(id), 0) FROM indicators.run";
    private static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    /** Where the municipality is when none is loaded yet (around Medellín; EPSG:9377 then 3857). */
    private static final double[] DEFAULT_EXTENT = {4_700_000, 2_230_000, 4_740_000, 2_270_000,
        -8_430_000, 677_000, -8_390_000, 717_000};

    private final MapServerProperties props;
    private final IndicatorCatalogue catalogue;
    private final IndicatorValueRepository values;
    private final JdbcClient jdbc;
    private final String dbConnection;
    private final String configuredPublicUrl;
    private final MapfileWriter writer = new MapfileWriter();
    private final OgcResponseCache cache;
    private volatile String publicUrl;
    private volatile DataVersion dataVersion = new DataVersion("0", java.time.Instant.now());

    /**
     * Identifies what the OGC services show: the mapfile's content and the latest indicator run.
     * Changes exactly when a response may change, so it serves as HTTP validator (ETag).
     */
    public record DataVersion(String tag, java.time.Instant since) {}

    public OgcPublisher(MapServerProperties props, IndicatorCatalogue catalogue, IndicatorValueRepository values,
                        JdbcClient jdbc, DataSourceProperties dataSource, OgcResponseCache cache,
                        @Value("${expediente.public-url:}") String configuredPublicUrl) {
        this.props = props;
        this.catalogue = catalogue;
        this.values = values;
        this.jdbc = jdbc;
        this.cache = cache;
        this.configuredPublicUrl = configuredPublicUrl;
        this.dbConnection = props.dbConnection().isBlank()
                ? PostgisConnection.fromJdbc(dataSource.determineUrl(), dataSource.determineUsername(),
                        dataSource.determinePassword())
                : props.dbConnection();
    }

    /** The public URL is known once the web server has its port (unless configured). */
    @EventListener
    public void onWebServerReady(WebServerInitializedEvent event) {
        publicUrl = configuredPublicUrl.isBlank()
                ? "http://localhost:" + event.getWebServer().getPort()
                : configuredPublicUrl.replaceAll("/+$", "");
        publish();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onIndicatorsComputed(IndicatorEngine.RunReport report) {
        if (publicUrl != null) {
            publish();
        }
    }

    public String publicUrl() {
        return publicUrl;
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** Write to a temporary file, then rename over the target: readers see the old or the new file. */
    private void replace(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(props.mapfileDir(), "expediente", ".map.tmp");
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public synchronized Path publish() {
        List<Publication.PublishedIndicator> indicators = catalogue.all().stream()
                .map(d -> new Publication.PublishedIndicator(d, values.years(d.code())))
                .toList();
        double[] extent = jdbc.sql(EXTENT).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2),
                rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)})
                .optional().orElse(DEFAULT_EXTENT);
        String municipality = jdbc.sql(TITLE).query(String.class).optional().orElse("Municipio");
        String fontSet = Files.isReadable(Path.of(FONT)) ? props.runDir().toAbsolutePath().resolve("fonts.txt").toString() : null;
        Path templates = props.runDir().toAbsolutePath().resolve("templates");
        Publication publication = new Publication("Expediente Municipal — " + municipality, publicUrl, dbConnection,
                Arrays.copyOfRange(extent, 0, 4), Arrays.copyOfRange(extent, 4, 8), fontSet, templates.toString(),
                indicators);
        try {
            Files.createDirectories(templates);
            for (var file : FeatureInfoTemplates.files(catalogue.all()).entrySet()) {
                Files.writeString(templates.resolve(file.getKey()), file.getValue());
            }
            Files.createDirectories(props.mapfileDir());
            if (publication.fontFile() != null) {
                Files.writeString(Path.of(publication.fontFile()), "sans " + FONT + "\n");
            }
            Path target = props.mapfile();
            // per-indicator mapfiles first: the full one is the signal that a publication is complete
            for (Publication.PublishedIndicator pi : indicators) {
                String code = pi.definition().code();
                replace(props.mapfile(code), writer.write(publication, code::equals));
            }
            String text = writer.write(publication);
            replace(target, text);
            long lastRun = jdbc.sql(LAST_RUN).query(Long.class).single();
            dataVersion = new DataVersion(lastRun + "-" + Integer.toHexString(text.hashCode()), java.time.Instant.now());
            cache.clear();
            log.info("Published {} indicators to {} (public URL {}, data version {})", indicators.size(), target,
                    publicUrl, dataVersion.tag());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write mapfile in " + props.mapfileDir(), e);
        }
    }
}
