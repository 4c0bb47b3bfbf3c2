package co.expediente.app;

import co.expediente.ExpedienteApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the integration tests: the real application on a random port, over the shared test
 * PostGIS, with MapServer's FastCGI workers started by the application and the demo municipality
 * loaded and computed. Every subclass shares one Spring context (same configuration), so one
 * database and one MapServer serve the whole run.
 */
@SpringBootTest(classes = ExpedienteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"expediente.demo.enabled=true", "expediente.imports.token=" + IntegrationTest.TOKEN})
@ContextConfiguration(initializers = IntegrationTest.Services.class)
public abstract class IntegrationTest {

    /** Bearer token of the API's writing operations in tests. */
    protected static final String TOKEN = "prueba-token";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Points the application at the shared test PostGIS and a free MapServer port. */
    static class Services implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPostgis pg = TestPostgis.get();
            try {
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-services", Map.of(
                        "spring.datasource.url", pg.jdbcUrl,
                        "spring.datasource.username", pg.user,
                        "spring.datasource.password", pg.password,
                        "expediente.mapserver.port", String.valueOf(TestPostgis.freePort()),
                        "expediente.mapserver.run-dir", "target/it-run")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
