package co.expediente.indicators;

import co.expediente.territory.Level;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads computed indicator values, their series and their lineage. */
@Repository
public class IndicatorValueRepository {

    private static final String SELECT = """
            SELECT u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, p.code AS parent_code,
                   v.year, v.numerator, v.denominator, v.value, v.nd_reason, v.baseline, v.target, v.progress,
                   v.status, v.definition_version, v.run_id, v.computed_at
            FROM indicators.indicator_value v
            JOIN territory.unit u ON u.id = v.unit_id
            LEFT JOIN territory.unit p ON p.id = u.parent_id
            """;
    private static final String VALUES = SELECT
            + " WHERE v.indicator_code = :code AND u.level = :level AND v.year = :year ORDER BY u.code";
    private static final String SERIES = SELECT
            + " WHERE v.indicator_code = :code AND u.code = :unit ORDER BY v.year";
    private static final String YEARS =
            "SELECT DISTINCT year FROM indicators.indicator_value WHERE indicator_code = :code ORDER BY year";
    private static final String UNIT_EXISTS = "SELECT count(*) FROM territory.unit WHERE code = :unit";
    private static final String VALUES_AS_GEOJSON = """
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                     'type', 'Feature', 'id', u.code,
                     'properties', json_build_object('codigo', u.code, 'nombre', u.name, 'tipo', u.kind,
                         'anio', v.year, 'valor', v.value, 'numerador', v.numerator, 'denominador', v.denominator,
                         'sin_dato', v.nd_reason, 'linea_base', v.baseline, 'meta', v.target, 'avance', v.progress,
                         'estado', v.status),
                     'geometry', ST_AsGeoJSON(ST_Transform(u.geom, 4326), 6)::json) ORDER BY u.code), '[]'::json))::text
            FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
            WHERE v.indicator_code = :code AND u.level = :level AND v.year = :year
            """;
    private static final String LINEAGE = """
            SELECT l.run_id, l.year, l.definition_version, l.layers::text AS layers, array_to_json(l.population_sources)::text AS sources, l.nd_reason,
                   r.started_at, r.finished_at, r.requested_by
            FROM indicators.value_lineage l JOIN indicators.run r ON r.id = l.run_id
            WHERE l.indicator_code = :code AND l.year = :year
            ORDER BY l.run_id DESC LIMIT 1
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    public IndicatorValueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IndicatorValue> values(String code, Level level, int year) {
        return jdbc.sql(VALUES).param("code", code).param("level", level.code()).param("year", year)
                .query(IndicatorValueRepository::value).list();
    }

    /** A unit's values over the years. */
    public List<IndicatorValue> series(String code, String unitCode) {
        return jdbc.sql(SERIES).param("code", code).param("unit", unitCode)
                .query(IndicatorValueRepository::value).list();
    }

    public boolean unitExists(String unitCode) {
        return jdbc.sql(UNIT_EXISTS).param("unit", unitCode).query(Long.class).single() > 0;
    }

    /** The years with computed values for an indicator, ascending. */
    public List<Integer> years(String code) {
        return jdbc.sql(YEARS).param("code", code).query(Integer.class).list();
    }

    public String valuesAsGeoJson(String code, Level level, int year) {
        return jdbc.sql(VALUES_AS_GEOJSON).param("code", code).param("level", level.code()).param("year", year)
                .query(String.class).single();
    }

    /** What the latest run of an indicator-year read: definition version, layer versions, population sources. */
    public Optional<Lineage> lineage(String code, int year) {
        return jdbc.sql(LINEAGE).param("code", code).param("year", year).query((rs, i) -> new Lineage(
                rs.getLong("run_id"), rs.getInt("year"), rs.getInt("definition_version"), json(rs.getString("layers")),
                json(rs.getString("sources")), rs.getString("nd_reason"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                rs.getString("requested_by"))).optional();
    }

    /** Lineage of an indicator-year: the run, the sheet version, the layers and population it read. */
    public record Lineage(long runId, int year, int definitionVersion, JsonNode layers, JsonNode populationSources,
                          String ndReason, Instant startedAt, Instant finishedAt, String requestedBy) {}

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IndicatorValue value(ResultSet rs, int row) throws SQLException {
        return new IndicatorValue(
                rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_kind"),
                rs.getString("parent_code"), rs.getInt("year"),
                (Double) rs.getObject("numerator"), (Double) rs.getObject("denominator"),
                (Double) rs.getObject("value"), rs.getString("nd_reason"),
                (Double) rs.getObject("baseline"), (Double) rs.getObject("target"),
                (Double) rs.getObject("progress"), rs.getString("status"),
                rs.getInt("definition_version"), rs.getLong("run_id"), rs.getTimestamp("computed_at").toInstant());
    }
}
