package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The REST API: sheets, defaults, and precise problem+json errors for bad requests. */
class IndicatorApiIT extends IntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void listsIndicatorsWithTheirComputedYears() throws Exception {
        JsonNode list = json.readTree(get("/api/indicators").body());
        assertThat(list.get(0).get("code").asText()).isEqualTo("ep_efectivo_hab");
        assertThat(list.get(0).get("years").toString()).isEqualTo("[2023,2024,2025]");
    }

    @Test
    void sheetCarriesDefinitionClassesAndTargets() throws Exception {
        JsonNode sheet = json.readTree(get("/api/indicators/ep_efectivo_hab").body());
        JsonNode d = sheet.get("definition");
        assertThat(d.get("name").get("es").asText()).isEqualTo("Espacio público efectivo por habitante");
        assertThat(d.get("standard").asDouble()).isEqualTo(15);
        assertThat(d.get("classes").get("breaks")).hasSize(4);
        assertThat(d.get("targets")).hasSize(3);
    }

    @Test
    void withoutYearTheLatestComputedYearIsServed() throws Exception {
        JsonNode body = json.readTree(get("/api/indicators/ep_efectivo_hab/values?level=comuna").body());
        assertThat(body.get("year").asInt()).isEqualTo(2025);
        assertThat(body.get("values")).hasSize(3);
    }

    @Test
    void unitsAreServedAsGeoJsonInWgs84() throws Exception {
        HttpResponse<String> r = get("/api/units?level=barrio");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode fc = json.readTree(r.body());
        assertThat(fc.get("features")).hasSize(12);
        JsonNode geometry = fc.get("features").get(0).get("geometry");
        assertThat(geometry.get("type").asText()).isEqualTo("MultiPolygon");
        JsonNode lonLat = geometry.get("coordinates").get(0).get(0).get(0);
        assertThat(lonLat.get(0).asDouble()).isBetween(-76.0, -75.0);
        assertThat(lonLat.get(1).asDouble()).isBetween(6.0, 6.5);
    }

    @Test
    void unknownIndicatorIs404ProblemJson() throws Exception {
        assertProblem(get("/api/indicators/no_existe/values?level=barrio&year=2024"), 404, "no_existe");
        assertProblem(get("/api/indicators/no_existe"), 404, "no_existe");
    }

    @Test
    void unknownLevelIs400ProblemJson() throws Exception {
        assertProblem(get("/api/indicators/ep_efectivo_hab/values?level=manzana&year=2024"), 400, "manzana");
        assertProblem(get("/api/units?level=manzana"), 400, "manzana");
    }

    @Test
    void malformedYearIs400ProblemJson() throws Exception {
        assertProblem(get("/api/indicators/ep_efectivo_hab/values?level=barrio&year=dosmil"), 400, "year");
    }

    @Test
    void yearWithoutValuesIs404NamingTheAvailableYears() throws Exception {
        assertProblem(get("/api/indicators/ep_efectivo_hab/values?level=barrio&year=1999"), 404, "2023, 2024, 2025");
    }

    @Test
    void injectionInParametersIsJustAnUnknownValue() throws Exception {
        assertProblem(get("/api/indicators/ep_efectivo_hab/values?level=barrio%27%3BDROP%20TABLE%20territory.unit%3B--"),
                400, "DROP TABLE");
        assertThat(jdbc.sql("SELECT count(*) FROM territory.unit").query(Long.class).single()).isEqualTo(16);
    }

    private void assertProblem(HttpResponse<String> r, int status, String detailContains) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).contains(detailContains);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at co.expediente");
    }
}
