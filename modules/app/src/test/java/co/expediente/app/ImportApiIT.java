package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/imports (token, multipart, the same report as the CLI), GET /api/imports, GET /api/layers. */
class ImportApiIT extends ImportIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] stations = featureCollection(
            feature("{\"type\":\"Point\",\"coordinates\":[-75.5696,6.2518]}", "{\"objectid\":1,\"nombre\":\"Parque Berrío\",\"linea\":\"Línea A\",\"estado\":1,\"tipo\":1}"),
            feature("{\"type\":\"Point\",\"coordinates\":[-75.5656,6.2468]}", "{\"objectid\":2,\"nombre\":\"San Antonio\",\"linea\":\"Línea A\",\"estado\":1,\"tipo\":1}"))
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void withoutTheTokenNothingIsImported() throws Exception {
        Map<String, String> before = storedState();
        HttpResponse<String> none = upload(null, Map.of("layer", "transit_station", "year", "2024"), "e.geojson", stations);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(JSON.readTree(none.body()).path("detail").asText()).contains("Authorization: Bearer");
        HttpResponse<String> wrong = upload("otro-token", Map.of("layer", "transit_station", "year", "2024"), "e.geojson", stations);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("detail").asText()).isEqualTo("Token inválido.");
        assertThat(get("/api/imports").statusCode()).isEqualTo(401);
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    void anUploadIsImportedAndAnswersWithItsReport() throws Exception {
        HttpResponse<String> r = upload(TOKEN, Map.of("layer", "transit_station", "year", "2024",
                "mapping", "medellin/transporte_masivo_estaciones"), "estaciones.geojson", stations);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.path("status").asText()).isEqualTo("loaded");
        assertThat(report.path("counts").path("loaded").asInt()).isEqualTo(2);
        assertThat(report.path("source").path("crs").asText()).isEqualTo("EPSG:4326");
        long id = report.path("importId").asLong();
        assertThat(r.headers().firstValue("Location").orElse("")).isEqualTo("/api/imports/" + id);

        HttpResponse<String> stored = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/imports/" + id)))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(JSON.readTree(stored.body()).path("counts")).isEqualTo(report.path("counts"));

        HttpResponse<String> layers = get("/api/layers");
        assertThat(layers.statusCode()).isEqualTo(200);
        JsonNode station = null;
        for (JsonNode l : JSON.readTree(layers.body()).path("layers")) {
            if (l.path("layer").asText().equals("transit_station")) {
                station = l;
            }
        }
        assertThat(station).isNotNull();
        assertThat(station.path("features").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(station.path("yearFrom").asInt()).isLessThanOrEqualTo(2024);
        assertThat(station.path("bbox").get(0).asDouble()).isBetween(-75.6, -75.5);
        assertThat(station.path("bbox").get(1).asDouble()).isBetween(6.2, 6.3);
        assertThat(station.path("sources").toString()).contains("estaciones.geojson");
        assertThat(JSON.readTree(layers.body()).path("units").toString()).contains("municipio");
    }

    @Test
    void aRejectedUploadIsAProblemCarryingTheReport() throws Exception {
        HttpResponse<String> r = upload(TOKEN, Map.of("layer", "transit_station", "year", "2024",
                "mapping", "medellin/transporte_masivo_estaciones"), "estaciones.csv",
                "objectid,nombre,linea,estado,tipo\n1,A,L,1,1\n".getBytes());
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("title").asText()).isEqualTo("Importación rechazada");
        assertThat(p.path("detail").asText()).contains("no tiene geometría");
        assertThat(p.path("report").path("status").asText()).isEqualTo("rejected");

        HttpResponse<String> bad = upload(TOKEN, Map.of("layer", "parques", "year", "2024"), "e.geojson", stations);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("Capa desconocida 'parques'");
        HttpResponse<String> path = upload(TOKEN, Map.of("layer", "transit_station", "year", "2024", "mapping", "/etc/passwd"),
                "e.geojson", stations);
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(path.body()).doesNotContain("root:");
    }
}
