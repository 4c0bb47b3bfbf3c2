package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.ExpedienteApplication;
import co.expediente.territory.imports.ImportReport;
import co.expediente.territory.imports.ImportRequest;
import co.expediente.territory.imports.ImportService;
import co.expediente.territory.imports.Mapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the import integration tests: the real application (web, random port) over its own
 * database {@code expediente_imports_test} in the shared test PostGIS, with the demo municipality
 * loaded (its units are the parents of imported ones), an import token and a 1 MB upload limit.
 * MapServer is not started: imports do not need it. Every subclass shares this one context.
 */
@SpringBootTest(classes = ExpedienteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"expediente.demo.enabled=true", "expediente.mapserver.managed=false",
            "expediente.mapserver.run-dir=target/it-run-imports", "expediente.imports.token=" + ImportIntegrationTest.TOKEN,
            "expediente.imports.max-upload-size=1MB"})
@ContextConfiguration(initializers = ImportIntegrationTest.OwnDatabase.class)
abstract class ImportIntegrationTest {

    static final String TOKEN = "prueba-token-de-importacion";
    static final String DATABASE = "expediente_imports_test";
    /** Tables whose content an import may change: everything stored except the import log itself. */
    static final List<String> STORED = List.of("territory.unit", "territory.population", "territory.households",
            "layers.public_space", "layers.hazard_zone", "layers.transit_line", "layers.transit_station", "layers.cycleway",
            "layers.road", "layers.dwelling", "layers.housing_project", "layers.facility", "layers.land_class",
            "layers.treatment", "layers.centrality", "layers.superseded");

    static String jdbcUrl;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ImportService imports;

    @TempDir
    protected Path dir;

    protected final HttpClient http = HttpClient.newHttpClient();

    /** A checksum of every stored table: equal before and after means nothing was lost or added. */
    protected Map<String, String> storedState() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String table : STORED) {
            state.put(table, jdbc.sql("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                    + table + " t").query(String.class).single());
        }
        return state;
    }

    protected long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    protected Path write(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected ImportReport run(String layer, Path file, Integer year, String mappingYaml) {
        return run(layer, file, year, null, ImportRequest.ImportMode.REPLACE, false, null, mappingYaml, null);
    }

    protected ImportReport run(String layer, Path file, Integer year, Integer to, ImportRequest.ImportMode mode, boolean dryRun,
                               String crs, String mappingYaml, String source) {
        Mapping mapping = mappingYaml == null ? null : Mapping.parse(mappingYaml);
        return imports.run(new ImportRequest(layer, file, file.getFileName().toString(), year, to, mode, dryRun, crs,
                mapping, mappingYaml == null ? null : "test", source, null, null, "test"));
    }

    /** A GeoJSON FeatureCollection (WGS84, no crs member) of the given features. */
    protected static String featureCollection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /** A feature with a square polygon of {@code side} degrees at lon/lat, and properties given as JSON. */
    protected static String square(double lon, double lat, double side, String properties) {
        return feature("{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                n(lon), n(lat), n(lon + side), n(lat), n(lon + side), n(lat + side), n(lon), n(lat + side), n(lon), n(lat)),
                properties);
    }

    /** A self-crossing "bow tie": its two lobes cancel out, so no repair keeps its area. */
    protected static String bowTie(double lon, double lat, double side, String properties) {
        return feature("{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                n(lon), n(lat), n(lon + side), n(lat + side), n(lon + side), n(lat), n(lon), n(lat + side), n(lon), n(lat)),
                properties);
    }

    protected static String feature(String geometry, String properties) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    protected static String n(double d) {
        return String.format(Locale.ROOT, "%.7f", d);
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    /** POST /api/imports as multipart/form-data, with the token unless {@code token} is null. */
    protected HttpResponse<String> upload(String token, Map<String, String> fields, String fileName, byte[] content) {
        String boundary = "----expediente" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(content);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/imports")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs GDAL's ogr2ogr (to make test files in other formats). */
    protected static void ogr2ogr(String... args) {
        List<String> command = new ArrayList<>(List.of("ogr2ogr"));
        command.addAll(List.of(args));
        try {
            String out = TestPostgis.run(command);
            assertThat(out).doesNotContain("ERROR");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the application at its own database in the shared test cluster. */
    static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPostgis pg = TestPostgis.get();
            jdbcUrl = TestDatabases.create(DATABASE);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("import-test-db", Map.of(
                    "spring.datasource.url", jdbcUrl,
                    "spring.datasource.username", pg.user,
                    "spring.datasource.password", pg.password)));
        }
    }
}
