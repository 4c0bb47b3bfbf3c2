package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.indicators.IndicatorEngine;
import co.expediente.indicators.IndicatorEngine.RunRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine's guarantees: read-only definitions, ND with reasons, limits, lineage, progress. */
class IndicatorEngineIT extends IntegrationTest {

    @Autowired
    IndicatorEngine engine;

    @Autowired
    IndicatorCatalogue catalogue;

    private final ObjectMapper json = new ObjectMapper();

    private IndicatorDefinition ep() {
        return catalogue.get("ep_efectivo_hab");
    }

    /** A copy of the public-space sheet under another code, with another numerator and layers. */
    private IndicatorDefinition variant(String code, String numeratorSql, List<String> layers) {
        IndicatorDefinition d = ep();
        return new IndicatorDefinition(code, 1, d.name(), d.system(), d.subsystem(), d.type(), d.unit(), d.definition(),
                d.formula(), d.factor(), d.aggregation(), d.direction(), d.standard(), d.baseline(), d.targets(),
                d.periodicity(), d.source(), d.responsible(), d.levels(), layers, d.notes(),
                new IndicatorDefinition.Term("test", numeratorSql), d.denominator(), d.classes(), d.changes());
    }

    @Test
    void definitionsRunReadOnlySoTheyCannotChangeStoredData() {
        List<Map<String, Object>> before = allValues();
        long sequenceBefore = jdbc.sql("SELECT last_value FROM territory.unit_id_seq").query(Long.class).single();
        IndicatorDefinition writer = variant("prueba_escritura",
                "SELECT id AS unit_id, nextval('territory.unit_id_seq') AS amount FROM territory.unit WHERE CAST(:year AS integer) > 0",
                List.of());
        assertThatThrownBy(() -> engine.run(List.of(writer), new RunRequest(List.of(), List.of(2024), List.of(), "test")))
                .hasMessageContaining("read-only transaction");
        assertThat(allValues()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT last_value FROM territory.unit_id_seq").query(Long.class).single()).isEqualTo(sequenceBefore);
    }

    @Test
    void aYearALayerDoesNotCoverIsNoDataWithTheReason() {
        IndicatorDefinition roads = variant("prueba_vias",
                "SELECT u.id AS unit_id, count(*) AS amount FROM territory.unit u JOIN layers.road r ON ST_Intersects(r.geom, u.geom)"
                        + " WHERE u.level = 'barrio' AND r.valid_from <= :year GROUP BY u.id", List.of("road"));
        engine.run(List.of(roads), new RunRequest(List.of(), List.of(2024), List.of(), "test"));
        List<Map<String, Object>> rows = jdbc.sql(
                "SELECT value, nd_reason FROM indicators.indicator_value WHERE indicator_code = 'prueba_vias'").query().listOfRows();
        assertThat(rows).hasSize(16).allSatisfy(r -> {
            assertThat(r.get("value")).isNull();
            assertThat(r.get("nd_reason")).isEqualTo("Capa 'road' no cargada para 2024");
        });
        jdbc.sql("DELETE FROM indicators.indicator_value WHERE indicator_code = 'prueba_vias'").update();
    }

    @Test
    void aRunCanBeLimitedToUnitsAndYears() {
        long lastRun = jdbc.sql("SELECT max(id) FROM indicators.run").query(Long.class).single();
        IndicatorEngine.RunReport report = engine.run(new RunRequest(List.of("ep_efectivo_hab"), List.of(2024),
                List.of("0101", "01"), "test"));
        assertThat(report.valuesWritten()).isEqualTo(2);
        List<String> rewritten = jdbc.sql("""
                SELECT u.code FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
                WHERE v.run_id > :run ORDER BY u.code""").param("run", lastRun).query(String.class).list();
        assertThat(rewritten).containsExactly("01", "0101");
    }

    @Test
    void lineageNamesTheSheetVersionLayersAndPopulationSource() throws Exception {
        JsonNode lineage = json.readTree(get("/api/indicators/ep_efectivo_hab/lineage?year=2024").body());
        assertThat(lineage.get("definitionVersion").asInt()).isEqualTo(1);
        assertThat(lineage.get("layers").get(0).get("layer").asText()).isEqualTo("public_space");
        // 18 features, of which the plazoleta closed in 2024 is not valid that year
        assertThat(lineage.get("layers").get(0).get("features").asInt()).isEqualTo(17);
        assertThat(lineage.get("populationSources").get(0).asText()).startsWith("Municipio sintético");
        assertThat(jdbc.sql("SELECT sheet->>'formula' FROM indicators.definition_version WHERE code = 'ep_efectivo_hab' AND version = 1")
                .query(String.class).single()).isEqualTo(ep().formula());
    }

    @Test
    void progressStatusFollowsTheDocumentedMethod() throws Exception {
        // 0203: 20 m²/hab in 2023, above the 2027 target of 11 -> achieved in 2024
        assertThat(status("0203", 2024)).isEqualTo("meta_cumplida");
        // 0104: 1.0 in 2023, 34,500 m² / 12,240 hab in 2024: p = 0.182 of the way, expected 0.25 -> moderate
        JsonNode v0104 = value("0104", 2024);
        assertThat(v0104.get("baseline").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(v0104.get("target").asDouble()).isEqualTo(11);
        assertThat(v0104.get("progress").asDouble()).isCloseTo((34_500.0 / 12_240 - 1) / 10, within(1e-9));
        assertThat(v0104.get("progressStatus").asText()).isEqualTo("avance_moderado");
        // 0204: its plazoleta closed in 2024 -> deterioration
        assertThat(status("0204", 2024)).isEqualTo("deterioro");
        // the baseline year itself, and a unit without data
        assertThat(status("0101", 2023)).isEqualTo("linea_base");
        assertThat(status("0304", 2025)).isEqualTo("sin_dato");
    }

    @Test
    void seriesCsvAndGeoJsonExportsCarryTheSameNumbers() throws Exception {
        JsonNode series = json.readTree(get("/api/indicators/ep_efectivo_hab/series?unit=0104").body());
        assertThat(series.get("values")).hasSize(3);
        assertThat(series.get("values").get(1).get("value").asDouble()).isCloseTo(34_500.0 / 12_240, within(1e-9));

        var csv = get("/api/indicators/ep_efectivo_hab/values.csv?level=comuna&year=2025");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("codigo,nombre,tipo");
        assertThat(lines.get(3)).startsWith("03,Comuna 3 - Ladera Sur,comuna,99001,2025,,223000.0,,Sin denominador");

        JsonNode geojson = json.readTree(get("/api/indicators/ep_efectivo_hab/values.geojson?level=barrio&year=2024").body());
        assertThat(geojson.get("features")).hasSize(12);
        assertThat(geojson.get("features").get(0).get("properties").get("codigo").asText()).isEqualTo("0101");

        assertThat(get("/api/indicators/ep_efectivo_hab/series?unit=9999").statusCode()).isEqualTo(404);
    }

    @Test
    void aRunCanBeTriggeredThroughTheApiAndReadBack() throws Exception {
        HttpResponse<String> created = post("/api/indicator-runs",
                "{\"indicators\":[\"ep_efectivo_hab\"],\"years\":[2024],\"units\":[\"0101\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode report = json.readTree(created.body());
        assertThat(report.get("valuesWritten").asInt()).isEqualTo(1);
        JsonNode run = json.readTree(get("/api/indicator-runs/" + report.get("runId").asLong()).body());
        assertThat(run.get("status").asText()).isEqualTo("finished");
        assertThat(run.get("requestedBy").asText()).isEqualTo("api");

        for (String bad : List.of("{\"indicators\":[\"no_existe\"]}", "{\"years\":[20240]}", "{\"units\":[\"9999\"]}",
                "{\"years\":\"dosmil\"}", "no es json")) {
            HttpResponse<String> r = post("/api/indicator-runs", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(get("/api/indicator-runs/999999").statusCode()).isEqualTo(404);

        HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/indicator-runs")))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String status(String unit, int year) throws Exception {
        return value(unit, year).get("progressStatus").asText();
    }

    private JsonNode value(String unit, int year) throws Exception {
        for (JsonNode v : json.readTree(get("/api/indicators/ep_efectivo_hab/series?unit=" + unit).body()).get("values")) {
            if (v.get("year").asInt() == year) {
                return v;
            }
        }
        throw new AssertionError("no value for " + unit + " in " + year);
    }

    private List<Map<String, Object>> allValues() {
        return jdbc.sql("SELECT indicator_code, unit_id, year, value, nd_reason, run_id FROM indicators.indicator_value ORDER BY 1, 2, 3")
                .query().listOfRows();
    }
}
