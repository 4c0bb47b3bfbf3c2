package co.expediente.indicators;

import co.expediente.territory.TerritoryRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes indicators in PostGIS. A run is one transaction: readers see the previous values or
 * the new ones, never a mix; running twice gives the same values.
 */
@Service
public class IndicatorEngine {

    private static final Logger log = LoggerFactory.getLogger(IndicatorEngine.class);

    private static final String STATEMENT_TIMEOUT = "SET LOCAL statement_timeout = '120s'";
    private static final String START_RUN =
            "INSERT INTO indicators.run (indicators, years) VALUES (:indicators, :years) RETURNING id";
    private static final String FINISH_RUN =
            "UPDATE indicators.run SET finished_at = clock_timestamp(), values_written = :written WHERE id = :run";
    private static final String CLEAR =
            "DELETE FROM indicators.indicator_value WHERE indicator_code = :code AND year = :year";

    /**
     * Base-level numerators and denominators from the definition, summed over each unit's base
     * units: ratios aggregate by summing terms, never by averaging ratios. A unit with a base unit
     * lacking its denominator is "no data".
     */
    private static final String COMPUTE = """
            WITH RECURSIVE
            num AS (%s),
            den AS (%s),
            base AS (
                SELECT u.id AS unit_id, coalesce(n.amount, 0) AS n, d.amount AS d
                FROM territory.unit u
                LEFT JOIN (SELECT unit_id, sum(amount) AS amount FROM num GROUP BY unit_id) n ON n.unit_id = u.id
                LEFT JOIN (SELECT unit_id, sum(amount) AS amount FROM den GROUP BY unit_id) d ON d.unit_id = u.id
                WHERE u.level = 'barrio'),
            lineage AS (
                SELECT id AS base_id, id AS unit_id FROM territory.unit WHERE level = 'barrio'
                UNION ALL
                SELECT l.base_id, u.parent_id FROM lineage l JOIN territory.unit u ON u.id = l.unit_id
                WHERE u.parent_id IS NOT NULL),
            agg AS (
                SELECT l.unit_id, sum(b.n) AS n, sum(b.d) AS d,
                       count(*) FILTER (WHERE b.d IS NULL) AS missing, count(*) AS bases
                FROM lineage l JOIN base b ON b.unit_id = l.base_id
                GROUP BY l.unit_id)
            INSERT INTO indicators.indicator_value
                (indicator_code, unit_id, year, numerator, denominator, value, nd_reason, definition_version, run_id)
            SELECT :code, unit_id, :year, n,
                   CASE WHEN missing = 0 THEN d END,
                   CASE WHEN missing = 0 AND d > 0 THEN CAST(:factor AS double precision) * n / d END,
                   CASE WHEN missing > 0 THEN format('Sin denominador para %%s en %%s de %%s barrios', CAST(:year AS integer), missing, bases)
                        WHEN d = 0 THEN 'Denominador igual a cero' END,
                   :version, :run
            FROM agg
            """;

    private final JdbcClient jdbc;
    private final IndicatorCatalogue catalogue;
    private final TerritoryRepository territory;
    private final ApplicationEventPublisher events;

    public IndicatorEngine(JdbcClient jdbc, IndicatorCatalogue catalogue, TerritoryRepository territory,
                           ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.territory = territory;
        this.events = events;
    }

    /** Every indicator of the catalogue for every year with population. */
    @Transactional
    public RunReport runAll() {
        return run(catalogue.all(), territory.populationYears());
    }

    @Transactional
    public RunReport run(Collection<IndicatorDefinition> indicators, List<Integer> years) {
        Instant start = Instant.now();
        jdbc.sql(STATEMENT_TIMEOUT).update();
        List<String> codes = indicators.stream().map(IndicatorDefinition::code).toList();
        long runId = jdbc.sql(START_RUN)
                .param("indicators", codes.toArray(String[]::new))
                .param("years", years.toArray(Integer[]::new))
                .query(Long.class).single();
        int written = 0;
        for (IndicatorDefinition d : indicators) {
            String sql = COMPUTE.formatted(d.numerator().sql(), d.denominator().sql());
            for (int year : years) {
                jdbc.sql(CLEAR).param("code", d.code()).param("year", year).update();
                written += jdbc.sql(sql)
                        .param("code", d.code()).param("year", year).param("factor", d.factor())
                        .param("version", d.version()).param("run", runId)
                        .update();
            }
        }
        jdbc.sql(FINISH_RUN).param("written", written).param("run", runId).update();
        RunReport report = new RunReport(runId, codes, years, written, Duration.between(start, Instant.now()));
        log.info("Indicator run {}: {} indicators × {} years, {} values in {} ms",
                runId, codes.size(), years.size(), written, report.duration().toMillis());
        events.publishEvent(report);
        return report;
    }

    /** What a run did; also published as an application event once the run's transaction commits. */
    public record RunReport(long runId, List<String> indicators, List<Integer> years, int valuesWritten,
                            Duration duration) {}
}
