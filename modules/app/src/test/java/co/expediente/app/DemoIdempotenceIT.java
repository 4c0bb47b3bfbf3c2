package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorEngine;
import co.expediente.territory.demo.DemoLoader;
import co.expediente.territory.demo.DemoMunicipality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A second demo start reuses what exists: loading and computing again change nothing. */
class DemoIdempotenceIT extends IntegrationTest {

    @Autowired
    DemoLoader loader;

    @Autowired
    IndicatorEngine engine;

    @Autowired
    IndicatorCatalogue catalogue;

    private static final List<String> DEMO_TABLES = List.of("territory.unit", "territory.population",
            "territory.households", "layers.public_space", "layers.hazard_zone", "layers.transit_station",
            "layers.transit_line", "layers.cycleway", "layers.dwelling", "layers.housing_project", "layers.facility",
            "layers.land_class", "layers.treatment");

    @Test
    void loadingTheDemoTwiceAddsNothing() {
        DemoMunicipality demo = new DemoMunicipality();
        Map<String, Long> before = new LinkedHashMap<>();
        DEMO_TABLES.forEach(t -> before.put(t, count(t)));
        assertThat(loader.loadIfAbsent()).isFalse();
        DEMO_TABLES.forEach(t -> assertThat(count(t)).as(t).isEqualTo(before.get(t)));
        assertThat(count("territory.unit")).isEqualTo(16);
        assertThat(count("layers.dwelling")).isEqualTo(demo.dwellings().size());
        assertThat(count("territory.households")).isEqualTo(demo.households().size());
    }

    @Test
    void rerunningTheIndicatorsGivesTheSameValues() {
        List<Map<String, Object>> before = values();
        IndicatorEngine.RunReport report = engine.runAll();
        // every indicator × 16 units × 3 years
        assertThat(report.valuesWritten()).isEqualTo(before.size()).isEqualTo(catalogue.all().size() * 16 * 3);
        assertThat(report.noDataValues()).isEqualTo(IndicatorBatteryIT.expectedNoDataValues());
        assertThat(values()).isEqualTo(before);
    }

    private List<Map<String, Object>> values() {
        return jdbc.sql("""
                SELECT indicator_code, unit_id, year, numerator, denominator, value, nd_reason
                FROM indicators.indicator_value ORDER BY 1, 2, 3
                """).query().listOfRows();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
