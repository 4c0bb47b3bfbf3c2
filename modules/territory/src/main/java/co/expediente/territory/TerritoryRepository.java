package co.expediente.territory;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads territorial units. SQL of this feature lives here, always with bind parameters. */
@Repository
public class TerritoryRepository {

    private static final String UNITS_AS_GEOJSON = """
            SELECT json_build_object(
                     'type', 'FeatureCollection',
                     'features', coalesce(json_agg(json_build_object(
                         'type', 'Feature',
                         'id', u.code,
                         'properties', json_build_object(
                             'code', u.code, 'name', u.name, 'level', u.level, 'kind', u.kind,
                             'parentCode', p.code, 'parentName', p.name),
                         'geometry', ST_AsGeoJSON(ST_Multi(ST_Transform(ST_SimplifyPreserveTopology(u.geom, :tolerance), 4326)), 6)::json)
                       ORDER BY u.code), '[]'::json))::text
            FROM territory.unit u
            LEFT JOIN territory.unit p ON p.id = u.parent_id
            WHERE u.level = :level
            """;

    private static final String UNIT_COUNT_BY_LEVEL =
            "SELECT count(*) FROM territory.unit WHERE level = :level";

    private static final String POPULATION_YEARS =
            "SELECT DISTINCT year FROM territory.population ORDER BY year";

    private final JdbcClient jdbc;

    public TerritoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The units of a level as a GeoJSON FeatureCollection in EPSG:4326, simplified with the given
     * tolerance in metres (0 keeps every vertex).
     */
    public String unitsAsGeoJson(Level level, double toleranceMetres) {
        return jdbc.sql(UNITS_AS_GEOJSON)
                .param("level", level.code())
                .param("tolerance", toleranceMetres)
                .query(String.class)
                .single();
    }

    public long countUnits(Level level) {
        return jdbc.sql(UNIT_COUNT_BY_LEVEL).param("level", level.code()).query(Long.class).single();
    }

    /** The years for which population figures exist: the years indicators can be computed for. */
    public List<Integer> populationYears() {
        return jdbc.sql(POPULATION_YEARS).query(Integer.class).list();
    }
}
