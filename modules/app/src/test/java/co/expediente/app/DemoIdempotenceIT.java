package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorEngine;
import co.expediente.territory.demo.DemoLoader;
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

    @Test
    void loadingTheDemoTwiceAddsNothing() {
        long units = count("territory.unit");
        long parks = count("layers.public_space");
        assertThat(loader.loadIfAbsent()).isFalse();
        assertThat(count("territory.unit")).isEqualTo(units).isEqualTo(16);
        assertThat(count("layers.public_space")).isEqualTo(parks);
    }

    @Test
    void rerunningTheIndicatorsGivesTheSameValues() {
        List<Map<String, Object>> before = values();
        IndicatorEngine.RunReport report = engine.runAll();
        assertThat(report.valuesWritten()).isEqualTo(before.size()).isEqualTo(16 * 3);
        assertThat(report.noDataValues()).isEqualTo(3);
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
