package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.territory.demo.DemoMunicipality;
import co.expediente.territory.demo.DemoTruth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The battery on the demo municipality: for every indicator, every unit of every level and every
 * year, the engine's value equals the true value that {@link DemoTruth} computes from the demo's
 * rectangles and points, "no data" included (missing population or households, zero denominators,
 * a layer not loaded for the year).
 */
class IndicatorBatteryIT extends IntegrationTest {

    static final DemoMunicipality DEMO = new DemoMunicipality();
    static final DemoTruth TRUTH = new DemoTruth(DEMO);
    private static final List<String> LEVELS = List.of("municipio", "comuna", "barrio");

    @Autowired
    IndicatorCatalogue catalogue;

    private final ObjectMapper json = new ObjectMapper();

    static Stream<Arguments> indicatorLevelYear() {
        List<Arguments> cases = new ArrayList<>();
        for (String code : TRUTH.codes()) {
            for (String level : LEVELS) {
                for (int year : DemoMunicipality.YEARS) {
                    cases.add(Arguments.of(code, level, year));
                }
            }
        }
        return cases.stream();
    }

    /** A sum indicator whose truth is "no data" because a barrio lacks its denominator. */
    static boolean sumWithMissingDenominator(String code, DemoTruth.Expected expected) {
        return TRUTH.indicator(code).aggregation() == DemoTruth.Aggregation.SUM
                && expected.noData() == DemoTruth.NoData.MISSING_DENOMINATOR;
    }

    /** How many stored values the engine must mark "no data" for the whole battery. */
    static long expectedNoDataValues() {
        long count = 0;
        for (String code : TRUTH.codes()) {
            for (DemoMunicipality.Unit unit : DEMO.units()) {
                for (int year : DemoMunicipality.YEARS) {
                    DemoTruth.Expected e = TRUTH.expected(code, unit.code(), year);
                    if (e.isNoData()) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @ParameterizedTest(name = "{0} · {1} · {2}")
    @MethodSource("indicatorLevelYear")
    void valueEqualsTheTruthKnownByConstruction(String code, String level, int year) throws Exception {
        JsonNode values = values(code, level, year);
        assertThat(values).hasSize(DEMO.unitsAt(level).size());
        DemoTruth.Indicator indicator = TRUTH.indicator(code);
        for (JsonNode v : values) {
            String unit = v.get("unitCode").asText();
            String where = code + " · " + unit + " · " + year;
            DemoTruth.Expected e = TRUTH.expected(code, unit, year);
            if (e.isNoData()) {
                assertThat(v.get("value").isNull()).as("%s is no data (%s)", where, e.noData()).isTrue();
                assertThat(v.get("ndReason").isNull()).as("%s gives a reason", where).isFalse();
                if (e.noData() == DemoTruth.NoData.LAYER_NOT_LOADED) {
                    assertThat(v.get("ndReason").asText()).as("reason of %s names the layer", where)
                            .containsAnyOf(indicator.layers().toArray(String[]::new));
                }
                continue;
            }
            assertThat(v.get("ndReason").isNull()).as("%s has a value (reason given: %s)", where, v.get("ndReason")).isTrue();
            assertThat(v.get("value").asDouble()).as("value of %s", where).isCloseTo(e.value(), tolerance(e.value()));
            assertThat(v.get("numerator").asDouble()).as("numerator of %s", where).isCloseTo(e.numerator(), tolerance(e.numerator()));
            if (indicator.aggregation() == DemoTruth.Aggregation.RATIO) {
                assertThat(v.get("denominator").asDouble()).as("denominator of %s", where)
                        .isCloseTo(e.denominator(), tolerance(e.denominator()));
            }
        }
    }

    static Stream<Arguments> sumWithMissingDenominator() {
        List<Arguments> cases = new ArrayList<>();
        for (String code : TRUTH.codes()) {
            for (DemoMunicipality.Unit unit : DEMO.units()) {
                for (int year : DemoMunicipality.YEARS) {
                    if (sumWithMissingDenominator(code, TRUTH.expected(code, unit.code(), year))) {
                        cases.add(Arguments.of(code, unit.level(), unit.code(), year));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} · {2} · {3}")
    @MethodSource("sumWithMissingDenominator")
    void aSumIsNoDataWhereABarrioLacksItsDenominator(String code, String level, String unit, int year) throws Exception {
        for (JsonNode v : values(code, level, year)) {
            if (v.get("unitCode").asText().equals(unit)) {
                assertThat(v.get("value").isNull()).as("%s %s %s is no data", code, unit, year).isTrue();
                assertThat(v.get("ndReason").isNull()).isFalse();
                return;
            }
        }
        throw new AssertionError("no value for " + unit);
    }

    @Test
    void everySheetHasItsTruthAndBothAgreeOnHowItIsComputed() {
        assertThat(catalogue.all()).extracting(IndicatorDefinition::code)
                .containsExactlyInAnyOrderElementsOf(TRUTH.codes());
        for (IndicatorDefinition d : catalogue.all()) {
            DemoTruth.Indicator t = TRUTH.indicator(d.code());
            assertThat(d.aggregationOrDefault()).as(d.code()).isEqualTo(t.aggregation().name().toLowerCase());
            assertThat(d.factor()).as(d.code()).isEqualTo(t.factor());
            assertThat(d.layersOrEmpty()).as(d.code()).containsExactlyInAnyOrderElementsOf(t.layers());
            assertThat(d.denominator() != null).as(d.code()).isEqualTo(t.hasDenominator());
        }
    }

    private JsonNode values(String code, String level, int year) throws Exception {
        var response = get("/api/indicators/" + code + "/values?level=" + level + "&year=" + year);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("values");
    }

    private static Offset<Double> tolerance(double expected) {
        return within(1e-9 * Math.max(1, Math.abs(expected)));
    }
}
