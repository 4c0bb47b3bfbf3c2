package co.expediente.indicators;

import co.expediente.territory.TerritoryRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;

/**
 * Computes indicators in PostGIS, on one connection, in two transactions:
 *
 * <ol>
 *   <li>READ ONLY, with a statement timeout: every definition's SQL is evaluated into a session
 *       temporary table (PostgreSQL lets a read-only transaction write temporary tables), so a
 *       definition can never change stored data;</li>
 *   <li>read-write: the results replace the stored values of the run's indicators, years and units,
 *       with lineage and progress, all at once — readers see the old values or the new, never a mix.</li>
 * </ol>
 * Running twice gives the same values.
 */
@Service
public class IndicatorEngine {

    private static final Logger log = LoggerFactory.getLogger(IndicatorEngine.class);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(120);

    private static final String CREATE_RESULT = """
            CREATE TEMP TABLE IF NOT EXISTS engine_result (
                indicator_code text, unit_id bigint, year integer,
                numerator double precision, denominator double precision, value double precision, nd_reason text)
            """;
    private static final String CLEAR_RESULT = "TRUNCATE engine_result";
    private static final String READ_ONLY = "SET TRANSACTION READ ONLY";
    private static final String TIMEOUT = "SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT.toMillis();

    /** Units the run writes: all, or those named. */
    private static final String UNIT_FILTER = "(CAST(:allUnits AS boolean) OR u.code = ANY(CAST(:units AS text[])))";

    /**
     * Base-level numerators and denominators from the definition, summed over each unit's base units:
     * ratios aggregate by summing terms, never by averaging ratios. A unit one of whose base units lacks
     * its denominator is "no data" — for a sum too, when the sheet has a denominator: there it names the
     * data the sum needs (population, households) and a missing figure must not become a silent zero.
     */
    private static final String EVALUATE = """
            INSERT INTO engine_result (indicator_code, unit_id, year, numerator, denominator, value, nd_reason)
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
            SELECT :code, a.unit_id, :year, a.n,
                   CASE WHEN a.missing = 0 THEN a.d END,
                   CASE WHEN NOT :ratio AND (NOT :hasDenominator OR a.missing = 0) THEN CAST(:factor AS double precision) * a.n
                        WHEN :ratio AND a.missing = 0 AND a.d > 0 THEN CAST(:factor AS double precision) * a.n / a.d END,
                   CASE WHEN NOT :ratio AND (NOT :hasDenominator OR a.missing = 0) THEN NULL
                        WHEN a.missing > 0 THEN format('Sin denominador para %%s en %%s de %%s barrios',
                                                       CAST(:year AS integer), a.missing, a.bases)
                        WHEN a.d = 0 THEN 'Denominador igual a cero' END
            FROM agg a JOIN territory.unit u ON u.id = a.unit_id
            WHERE """ + UNIT_FILTER;

    /** Every unit is "no data" for a year the indicator cannot be computed at all. */
    private static final String EVALUATE_NO_DATA = """
            INSERT INTO engine_result (indicator_code, unit_id, year, numerator, denominator, value, nd_reason)
            SELECT :code, u.id, :year, NULL, NULL, NULL, :reason FROM territory.unit u WHERE """ + UNIT_FILTER;

    /** %s: a layer table; covered in a year when a feature is valid then or a loaded import says so. */
    private static final String LAYER_COVERAGE = """
            SELECT (SELECT count(*) FROM %s f WHERE f.valid_from <= :year AND (f.valid_to IS NULL OR f.valid_to > :year)) AS features,
                   ARRAY(SELECT id FROM layers.import i WHERE i.layer = :layer AND i.status = 'loaded'
                         AND i.year_from <= :year AND (i.year_to IS NULL OR i.year_to > :year) ORDER BY id) AS imports
            """;
    private static final String LAYER_EXISTS = """
            SELECT count(*) FROM information_schema.tables WHERE table_schema = 'layers' AND table_name = :layer
            """;
    private static final String POPULATION_SOURCES =
            "SELECT coalesce(array_agg(DISTINCT source ORDER BY source), '{}') FROM territory.population WHERE year = :year";

    private static final String START_RUN = """
            INSERT INTO indicators.run (indicators, years, units, status, requested_by)
            VALUES (:indicators, :years, :units, 'running', :requestedBy) RETURNING id
            """;
    private static final String RECORD_DEFINITION = """
            INSERT INTO indicators.definition_version (code, version, sheet) VALUES (:code, :version, CAST(:sheet AS jsonb))
            ON CONFLICT (code, version) DO NOTHING
            """;
    private static final String CLEAR_VALUES = """
            DELETE FROM indicators.indicator_value v USING territory.unit u
            WHERE u.id = v.unit_id AND v.indicator_code = :code AND v.year = :year AND
            """ + UNIT_FILTER;
    private static final String STORE_VALUES = """
            INSERT INTO indicators.indicator_value
                (indicator_code, unit_id, year, numerator, denominator, value, nd_reason, definition_version, run_id)
            SELECT indicator_code, unit_id, year, numerator, denominator, value, nd_reason, :version, :run
            FROM engine_result WHERE indicator_code = :code AND year = :year
            """;
    private static final String STORE_LINEAGE = """
            INSERT INTO indicators.value_lineage (run_id, indicator_code, year, definition_version, layers, population_sources, nd_reason)
            VALUES (:run, :code, :year, :version, CAST(:layers AS jsonb), :sources, :reason)
            """;
    /** The unit's own baseline-year value and the target in force, then progress and status (ProgressMethod). */
    private static final String SET_BASELINE_AND_TARGET = """
            UPDATE indicators.indicator_value v
            SET target = :target,
                baseline = (SELECT b.value FROM indicators.indicator_value b
                            WHERE b.indicator_code = v.indicator_code AND b.unit_id = v.unit_id AND b.year = :baselineYear)
            WHERE v.indicator_code = :code AND v.year = :year AND v.run_id = :run
            """;
    private static final String SET_PROGRESS = """
            UPDATE indicators.indicator_value v
            SET progress = CASE WHEN v.value IS NULL OR v.baseline IS NULL OR v.target = v.baseline THEN NULL
                                ELSE (v.value - v.baseline) / (v.target - v.baseline) END,
                status = CASE
                    WHEN v.value IS NULL OR v.baseline IS NULL THEN 'sin_dato'
                    WHEN v.year <= :baselineYear THEN 'linea_base'
                    WHEN :sign * (v.value - v.target) >= 0 THEN 'meta_cumplida'
                    WHEN :sign * (v.value - v.baseline) < 0 THEN 'deterioro'
                    WHEN v.target = v.baseline THEN 'avance_limitado'
                    WHEN (v.value - v.baseline) / (v.target - v.baseline) >= :substantial * :expected THEN 'avance_sustancial'
                    WHEN (v.value - v.baseline) / (v.target - v.baseline) >= :moderate * :expected THEN 'avance_moderado'
                    ELSE 'avance_limitado' END
            WHERE v.indicator_code = :code AND v.year = :year AND v.run_id = :run
            """;
    private static final String FINISH_RUN = """
            UPDATE indicators.run SET finished_at = clock_timestamp(), values_written = :written, status = 'finished'
            WHERE id = :run
            """;

    private final JdbcTemplate jdbcTemplate;
    private final IndicatorCatalogue catalogue;
    private final TerritoryRepository territory;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json = new ObjectMapper();

    public IndicatorEngine(JdbcTemplate jdbcTemplate, IndicatorCatalogue catalogue, TerritoryRepository territory,
                           ApplicationEventPublisher events) {
        this.jdbcTemplate = jdbcTemplate;
        this.catalogue = catalogue;
        this.territory = territory;
        this.events = events;
    }

    /** What to compute; empty lists mean "all". */
    public record RunRequest(List<String> indicators, List<Integer> years, List<String> units, String requestedBy) {
        public static RunRequest all() {
            return new RunRequest(List.of(), List.of(), List.of(), "system");
        }
    }

    /** What a run did; also published as an application event once it is stored. */
    public record RunReport(long runId, List<String> indicators, List<Integer> years, List<String> units,
                            int valuesWritten, int noDataValues, Duration duration) {}

    /** Every indicator of the catalogue for every year with population. */
    public RunReport runAll() {
        return run(RunRequest.all());
    }

    public RunReport run(RunRequest request) {
        List<IndicatorDefinition> indicators = request.indicators().isEmpty()
                ? List.copyOf(catalogue.all())
                : request.indicators().stream().map(catalogue::get).toList();
        return run(indicators, request);
    }

    /** Runs the given sheets (normally the catalogue's) as the request says. */
    public synchronized RunReport run(Collection<IndicatorDefinition> definitions, RunRequest request) {
        Instant start = Instant.now();
        List<IndicatorDefinition> indicators = List.copyOf(definitions);
        // ascending, so that a baseline year computed in this run is stored before the years that compare with it
        List<Integer> years = (request.years().isEmpty() ? territory.populationYears() : request.years())
                .stream().distinct().sorted().toList();
        RunReport report = jdbcTemplate.execute((ConnectionCallback<RunReport>) connection ->
                run(connection, indicators, years, request, start));
        log.info("Indicator run {}: {} indicators × {} years, {} values ({} no data) in {} ms", report.runId(),
                report.indicators().size(), years.size(), report.valuesWritten(), report.noDataValues(),
                report.duration().toMillis());
        events.publishEvent(report);
        return report;
    }

    private RunReport run(Connection connection, List<IndicatorDefinition> indicators, List<Integer> years,
                          RunRequest request, Instant start) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        NamedParameterJdbcTemplate sql = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
        MapSqlParameterSource unitFilter = new MapSqlParameterSource()
                .addValue("allUnits", request.units().isEmpty())
                .addValue("units", request.units().toArray(String[]::new));
        try {
            connection.setAutoCommit(true);
            sql.getJdbcTemplate().execute(CREATE_RESULT);
            sql.getJdbcTemplate().execute(CLEAR_RESULT);

            // 1. evaluate the definitions, read-only
            connection.setAutoCommit(false);
            sql.getJdbcTemplate().execute(READ_ONLY);
            sql.getJdbcTemplate().execute(TIMEOUT);
            Map<String, Lineage> lineage = new LinkedHashMap<>();
            for (IndicatorDefinition d : indicators) {
                for (int year : years) {
                    Lineage l = lineage(sql, d, year);
                    lineage.put(d.code() + "/" + year, l);
                    MapSqlParameterSource p = new MapSqlParameterSource(unitFilter.getValues())
                            .addValue("code", d.code()).addValue("year", year);
                    if (l.noDataReason() != null) {
                        sql.update(EVALUATE_NO_DATA, p.addValue("reason", l.noDataReason()));
                    } else {
                        String denominator = d.denominator() == null
                                ? "SELECT CAST(NULL AS bigint) AS unit_id, CAST(NULL AS double precision) AS amount WHERE CAST(:year AS integer) IS NULL"
                                : d.denominator().sql();
                        sql.update(EVALUATE.formatted(d.numerator().sql(), denominator), p
                                .addValue("ratio", d.aggregationOrDefault().equals(IndicatorDefinition.RATIO))
                                .addValue("hasDenominator", d.denominator() != null)
                                .addValue("factor", d.factor()));
                    }
                }
            }
            connection.commit();

            // 2. store, atomically
            sql.getJdbcTemplate().execute(TIMEOUT);
            long runId = sql.queryForObject(START_RUN, new MapSqlParameterSource()
                    .addValue("indicators", indicators.stream().map(IndicatorDefinition::code).toArray(String[]::new))
                    .addValue("years", years.toArray(Integer[]::new))
                    .addValue("units", request.units().isEmpty() ? null : request.units().toArray(String[]::new))
                    .addValue("requestedBy", request.requestedBy()), Long.class);
            int written = 0;
            int noData = 0;
            for (IndicatorDefinition d : indicators) {
                sql.update(RECORD_DEFINITION, new MapSqlParameterSource().addValue("code", d.code())
                        .addValue("version", d.version()).addValue("sheet", toJson(d)));
                for (int year : years) {
                    MapSqlParameterSource p = new MapSqlParameterSource(unitFilter.getValues())
                            .addValue("code", d.code()).addValue("year", year)
                            .addValue("version", d.version()).addValue("run", runId);
                    sql.update(CLEAR_VALUES, p);
                    written += sql.update(STORE_VALUES, p);
                    Lineage l = lineage.get(d.code() + "/" + year);
                    sql.update(STORE_LINEAGE, new MapSqlParameterSource(p.getValues())
                            .addValue("layers", toJson(l.layers())).addValue("sources", l.populationSources())
                            .addValue("reason", l.noDataReason()));
                    progress(sql, d, year, runId);
                }
            }
            noData = sql.queryForObject("SELECT count(*) FROM indicators.indicator_value WHERE run_id = :run AND value IS NULL",
                    new MapSqlParameterSource("run", runId), Integer.class);
            sql.update(FINISH_RUN, new MapSqlParameterSource().addValue("written", written).addValue("run", runId));
            connection.commit();
            return new RunReport(runId, indicators.stream().map(IndicatorDefinition::code).toList(), years,
                    request.units(), written, noData, Duration.between(start, Instant.now()));
        } catch (RuntimeException | SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
            sql.getJdbcTemplate().execute(CLEAR_RESULT);
            connection.setAutoCommit(autoCommit);
        }
    }

    private void progress(NamedParameterJdbcTemplate sql, IndicatorDefinition d, int year, long runId) {
        Optional<IndicatorDefinition.Target> target = ProgressMethod.targetFor(d, year);
        if (d.baseline() == null || target.isEmpty()) {
            return;
        }
        int baselineYear = d.baseline().year();
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("code", d.code()).addValue("year", year).addValue("run", runId)
                .addValue("target", target.get().value()).addValue("baselineYear", baselineYear)
                .addValue("sign", ProgressMethod.sign(d))
                .addValue("expected", ProgressMethod.expectedShare(baselineYear, target.get().year(), year))
                .addValue("substantial", ProgressMethod.SUBSTANTIAL).addValue("moderate", ProgressMethod.MODERATE);
        sql.update(SET_BASELINE_AND_TARGET, p);
        sql.update(SET_PROGRESS, p);
    }

    /** What a definition reads in a year, and why it cannot be computed, if it cannot. */
    record Lineage(List<LayerInput> layers, String[] populationSources, String noDataReason) {}

    record LayerInput(String layer, long features, List<Long> imports) {}

    private Lineage lineage(NamedParameterJdbcTemplate sql, IndicatorDefinition d, int year) {
        List<LayerInput> inputs = new ArrayList<>();
        String reason = null;
        for (String layer : d.layersOrEmpty()) {
            MapSqlParameterSource p = new MapSqlParameterSource().addValue("layer", layer).addValue("year", year);
            if (sql.queryForObject(LAYER_EXISTS, p, Long.class) == 0) {
                throw new IllegalStateException("Indicator " + d.code() + " reads unknown layer " + layer);
            }
            LayerInput input = sql.queryForObject(LAYER_COVERAGE.formatted(SqlIdentifiers.layerTable(layer)), p,
                    (rs, i) -> new LayerInput(layer, rs.getLong("features"),
                            List.of((Long[]) rs.getArray("imports").getArray())));
            inputs.add(input);
            if (reason == null && input.features() == 0 && input.imports().isEmpty()) {
                reason = "Capa '" + layer + "' no cargada para " + year;
            }
        }
        String[] sources = sql.queryForObject(POPULATION_SOURCES, new MapSqlParameterSource("year", year),
                (rs, i) -> (String[]) rs.getArray(1).getArray());
        return new Lineage(inputs, sources, reason);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
