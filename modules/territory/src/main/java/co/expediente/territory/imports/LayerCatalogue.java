package co.expediente.territory.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The catalogue of what is stored: per thematic layer its years, feature counts, extent (EPSG:4326)
 * and the imports that brought it; the units per level; the population and household series with
 * their sources. Extents come from the tables' own data, never from a scan by a map server.
 */
@Component
public class LayerCatalogue {

    /** %s: a layer table. */
    private static final String LAYER_SUMMARY = """
            SELECT count(*) AS features, count(*) FILTER (WHERE valid_to IS NULL) AS open_features,
                   min(valid_from) AS year_from,
                   CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS year_to,
                   ST_XMin(b) AS xmin, ST_YMin(b) AS ymin, ST_XMax(b) AS xmax, ST_YMax(b) AS ymax
            FROM %s t
            CROSS JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 9377), 4326) AS b FROM %s) e
            GROUP BY b
            """;
    /** Per year in which versions start: how many features are valid that year. */
    private static final String LAYER_YEARS = """
            SELECT y.year, count(t.*) AS features
            FROM (SELECT DISTINCT valid_from AS year FROM %1$s) y
            LEFT JOIN %1$s t ON t.valid_from <= y.year AND (t.valid_to IS NULL OR t.valid_to > y.year)
            GROUP BY y.year ORDER BY y.year
            """;
    private static final String LAYER_SOURCES = """
            SELECT id AS "importId", source_name AS file, year_from AS "yearFrom", year_to AS "yearTo", mode,
                   source_note AS note, features_loaded AS "featuresLoaded", to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS "importedAt"
            FROM layers.import WHERE layer = :layer AND status = 'loaded' ORDER BY id
            """;
    private static final String UNITS = """
            SELECT level, kind, count(*) AS units,
                   ST_XMin(b) AS xmin, ST_YMin(b) AS ymin, ST_XMax(b) AS xmax, ST_YMax(b) AS ymax
            FROM territory.unit u
            CROSS JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 9377), 4326) AS b
                                FROM territory.unit x WHERE x.level = u.level) e
            GROUP BY level, kind, b ORDER BY CASE level WHEN 'municipio' THEN 0 WHEN 'comuna' THEN 1 ELSE 2 END, kind
            """;
    private static final String POPULATION_SOURCES = """
            SELECT p.source, u.level, min(p.year) AS "yearFrom", max(p.year) AS "yearTo", count(DISTINCT p.unit_id) AS units,
                   count(*) AS figures
            FROM territory.population p JOIN territory.unit u ON u.id = p.unit_id
            GROUP BY p.source, u.level ORDER BY 2, 1
            """;
    private static final String HOUSEHOLD_SOURCES = """
            SELECT h.source, u.level, min(h.year) AS "yearFrom", max(h.year) AS "yearTo", count(DISTINCT h.unit_id) AS units,
                   count(h.households) AS households, count(h.occupied_dwellings) AS "occupiedDwellings",
                   count(h.dwellings) AS dwellings
            FROM territory.households h JOIN territory.unit u ON u.id = h.unit_id
            GROUP BY h.source, u.level ORDER BY 2, 1
            """;

    private final JdbcClient jdbc;

    public LayerCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> describe() {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (TargetLayer layer : TargetLayer.layers()) {
            String table = ImportRepository.table(layer);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", layer.code());
            l.put("title", layer.title());
            l.put("geometry", layer.geometry().sqlName());
            List<Map<String, Object>> rows = jdbc.sql(LAYER_SUMMARY.formatted(table, table)).query().listOfRows();
            Map<String, Object> s = rows.isEmpty() ? null : rows.get(0);
            l.put("features", s == null ? 0 : s.get("features"));
            l.put("openFeatures", s == null ? 0 : s.get("open_features"));
            l.put("yearFrom", s == null ? null : s.get("year_from"));
            l.put("yearTo", s == null ? null : s.get("year_to"));
            l.put("bbox", s == null ? null : bbox(s));
            l.put("years", s == null ? List.of() : jdbc.sql(LAYER_YEARS.formatted(table)).query().listOfRows());
            l.put("sources", jdbc.sql(LAYER_SOURCES).param("layer", layer.code()).query().listOfRows());
            layers.add(l);
        }
        List<Map<String, Object>> units = new ArrayList<>();
        for (Map<String, Object> r : jdbc.sql(UNITS).query().listOfRows()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("level", r.get("level"));
            u.put("kind", r.get("kind"));
            u.put("units", r.get("units"));
            u.put("bbox", bbox(r));
            units.add(u);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crs", "EPSG:9377 (bbox en EPSG:4326: lon/lat mínimos y máximos)");
        out.put("layers", layers);
        out.put("units", units);
        out.put("unitSources", jdbc.sql(LAYER_SOURCES).param("layer", "unit").query().listOfRows());
        out.put("population", jdbc.sql(POPULATION_SOURCES).query().listOfRows());
        out.put("households", jdbc.sql(HOUSEHOLD_SOURCES).query().listOfRows());
        return out;
    }

    private static List<Double> bbox(Map<String, Object> r) {
        if (r.get("xmin") == null) {
            return null;
        }
        return List.of(round(r.get("xmin")), round(r.get("ymin")), round(r.get("xmax")), round(r.get("ymax")));
    }

    private static double round(Object v) {
        return Math.round(((Number) v).doubleValue() * 1e6) / 1e6;
    }
}
