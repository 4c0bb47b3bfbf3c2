package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.expediente.territory.demo.DemoMunicipality;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Effective public space per inhabitant, computed in PostGIS, equals the demo municipality's true
 * value for every unit of every level and year, with "no data" exactly where population is missing.
 */
class EffectivePublicSpaceIT extends IntegrationTest {

    private final DemoMunicipality demo = new DemoMunicipality();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"barrio,2023", "barrio,2024", "barrio,2025", "comuna,2023", "comuna,2024", "comuna,2025",
        "municipio,2023", "municipio,2024", "municipio,2025"})
    void valuesEqualTheTruthKnownByConstruction(String level, int year) throws Exception {
        var response = get("/api/indicators/ep_efectivo_hab/values?level=" + level + "&year=" + year);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("unit").asText()).isEqualTo("m²/hab");
        JsonNode values = body.get("values");
        assertThat(values).hasSize(demo.unitsAt(level).size());
        for (JsonNode v : values) {
            String code = v.get("unitCode").asText();
            double area = demo.effectivePublicSpace(code, year);
            OptionalLong population = demo.population(code, year);
            assertThat(v.get("numerator").asDouble()).as("numerator of %s", code).isCloseTo(area, within(1e-6));
            if (population.isPresent()) {
                assertThat(v.get("denominator").asDouble()).as("denominator of %s", code).isEqualTo(population.getAsLong());
                assertThat(v.get("value").asDouble()).as("value of %s", code)
                        .isCloseTo(area / population.getAsLong(), within(1e-9));
                assertThat(v.get("ndReason").isNull()).isTrue();
            } else {
                assertThat(v.get("value").isNull()).as("%s is no data in %s", code, year).isTrue();
                assertThat(v.get("ndReason").asText()).contains("Sin denominador para " + year);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2023", "2024"})
    void aggregatesSumNumeratorsAndDenominatorsNotRatios(int year) throws Exception {
        JsonNode barrios = json.readTree(get("/api/indicators/ep_efectivo_hab/values?level=barrio&year=" + year).body())
                .get("values");
        JsonNode municipio = json.readTree(get("/api/indicators/ep_efectivo_hab/values?level=municipio&year=" + year)
                .body()).get("values").get(0);
        double numerators = 0;
        double denominators = 0;
        double meanOfRatios = 0;
        for (JsonNode b : barrios) {
            numerators += b.get("numerator").asDouble();
            denominators += b.get("denominator").asDouble();
            meanOfRatios += b.get("value").asDouble() / barrios.size();
        }
        assertThat(municipio.get("value").asDouble()).isCloseTo(numerators / denominators, within(1e-9));
        assertThat(municipio.get("value").asDouble()).isNotCloseTo(meanOfRatios, within(0.01));
    }
}
