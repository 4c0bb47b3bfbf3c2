package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL parses and plans every term SQL of every sheet with {@code :year} bound, in a
 * read-only transaction, and each term returns {@code (unit_id, amount)} for barrios only: a broken
 * sheet fails the build, not the yearly run.
 */
class IndicatorSqlIT extends IntegrationTest {

    /** The catalogue as the application loads it (no Spring context is needed to list it). */
    private static final IndicatorCatalogue SHEETS = new IndicatorCatalogue();

    @Autowired
    PlatformTransactionManager transactions;

    record TermCase(String code, String term, String sql) {
        @Override
        public String toString() {
            return code + " · " + term;
        }
    }

    static Stream<Arguments> terms() {
        List<Arguments> cases = new ArrayList<>();
        for (IndicatorDefinition d : SHEETS.all()) {
            cases.add(Arguments.of(new TermCase(d.code(), "numerator", d.numerator().sql())));
            if (d.denominator() != null) {
                cases.add(Arguments.of(new TermCase(d.code(), "denominator", d.denominator().sql())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terms")
    void termParsesPlansAndReturnsBarrioAmounts(TermCase t) {
        readOnly(() -> {
            List<Map<String, Object>> plan = jdbc.sql("EXPLAIN " + t.sql()).param("year", 2024).query().listOfRows();
            assertThat(plan).as("plan of %s", t).isNotEmpty();
            for (int year : List.of(1999, 2023, 2024, 2025)) {
                Map<String, Object> check = jdbc.sql("""
                        SELECT count(*) AS total_rows,
                               count(*) FILTER (WHERE u.id IS NULL OR u.level <> 'barrio') AS not_barrio,
                               count(*) FILTER (WHERE CAST(t.amount AS double precision) < 0) AS negative
                        FROM (%s) AS t LEFT JOIN territory.unit u ON u.id = t.unit_id
                        """.formatted(t.sql())).param("year", year).query().singleRow();
                assertThat((Long) check.get("not_barrio")).as("%s in %s: rows for units that are not barrios", t, year).isZero();
                assertThat((Long) check.get("negative")).as("%s in %s: negative amounts", t, year).isZero();
            }
        });
    }

    @Test
    void everyDeclaredLayerIsATableOfSchemaLayers() {
        for (IndicatorDefinition d : SHEETS.all()) {
            for (String layer : d.layersOrEmpty()) {
                Long tables = jdbc.sql("""
                        SELECT count(*) FROM information_schema.tables WHERE table_schema = 'layers' AND table_name = :layer
                        """).param("layer", layer).query(Long.class).single();
                assertThat(tables).as("%s reads layers.%s", d.code(), layer).isEqualTo(1);
            }
        }
    }

    private void readOnly(Runnable body) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        tx.executeWithoutResult(status -> {
            jdbc.sql("SET TRANSACTION READ ONLY").update();
            body.run();
        });
    }
}
