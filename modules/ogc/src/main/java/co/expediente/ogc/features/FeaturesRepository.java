package co.expediente.ogc.features;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import co.expediente.ogc.ThematicLayers;
import org.springframework.stereotype.Repository;

/**
 * The SQL of OGC API Features. Filters are bind parameters; the only text put into the statements
 * is a geometry expression chosen from the fixed {@link Crs} list.
 */
@Repository
class FeaturesRepository {

    private static final String INDICATOR_FROM = """
            FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
            WHERE v.indicator_code = :code AND u.level = :level
              AND (CAST(:yearFrom AS integer) IS NULL OR v.year >= :yearFrom)
              AND (CAST(:yearTo AS integer) IS NULL OR v.year <= :yearTo)
              AND (CAST(:codigo AS text) IS NULL OR u.code = :codigo)
              AND (CAST(:tipo AS text) IS NULL OR u.kind = :tipo)
              AND (CAST(:anio AS integer) IS NULL OR v.year = :anio)
              AND (CAST(:estado AS text) IS NULL OR v.status = :estado)
              AND (NOT :hasBbox OR u.geom && ST_Transform(ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, :bboxSrid), 9377))
            """;
    /** %s, %d: geometry expression and decimal digits of the requested CRS. */
    private static final String INDICATOR_SELECT = """
            SELECT v.unit_id * 10000 + v.year AS fid,
                   json_build_object('codigo', u.code, 'nombre', u.name, 'tipo', u.kind, 'anio', v.year,
                       'valor', v.value, 'numerador', v.numerator, 'denominador', v.denominator, 'sin_dato', v.nd_reason,
                       'linea_base', v.baseline, 'meta', v.target, 'avance', v.progress, 'estado', v.status)::text AS properties,
                   ST_AsGeoJSON(%s, %d) AS geometry
            """;
    private static final String INDICATOR_ITEMS = INDICATOR_SELECT + INDICATOR_FROM + " ORDER BY v.year, u.code LIMIT :limit OFFSET :offset";
    private static final String INDICATOR_COUNT = "SELECT count(*) " + INDICATOR_FROM;
    private static final String INDICATOR_ONE = INDICATOR_SELECT + """
            FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
            WHERE v.indicator_code = :code AND u.level = :level AND v.unit_id * 10000 + v.year = :fid
            """;

    /** %1$s: the layer's fixed SELECT; %2$s: property filters on its attributes (names and values bound). */
    private static final String THEMATIC_FROM = """
            FROM (%1$s) u
            WHERE (CAST(:yearTo AS integer) IS NULL OR u.vigente_desde <= :yearTo)
              AND (CAST(:yearFrom AS integer) IS NULL OR u.vigente_hasta IS NULL OR u.vigente_hasta > :yearFrom)
              AND (NOT :hasBbox OR u.geom && ST_Transform(ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, :bboxSrid), 9377))
              %2$s
            """;
    private static final String THEMATIC_SELECT = """
            SELECT u.id AS fid, (to_jsonb(u) - 'geom' - 'id')::text AS properties, ST_AsGeoJSON(%s, %d) AS geometry
            """;
    private static final String THEMATIC_ONE = "FROM (%1$s) u WHERE u.id = :fid";
    private static final String ATTRIBUTES = "SELECT * FROM (%s) u LIMIT 0";

    private static final String EXTENT_CRS84 = """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 9377), 4326) AS e FROM territory.unit) x
            WHERE e IS NOT NULL
            """;

    record Row(long fid, String properties, String geometry) {}

    record Page(long matched, List<Row> rows) {}

    private final NamedParameterJdbcTemplate jdbc;

    FeaturesRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page items(FeatureCollections.FeatureCollection c, FeaturesQuery q) {
        MapSqlParameterSource p = parameters(c, q);
        String geometry = q.crs().geometrySql("u.geom");
        String items;
        String count;
        if (c.kind() == FeatureCollections.Kind.INDICATOR) {
            items = INDICATOR_ITEMS.formatted(geometry, q.crs().digits);
            count = INDICATOR_COUNT;
        } else {
            StringBuilder filters = new StringBuilder();
            int i = 0;
            for (Map.Entry<String, String> e : q.properties().entrySet()) {
                // the attribute's name is a bind parameter too: only its position is text
                filters.append(" AND (to_jsonb(u) ->> :pn").append(i).append(") = :pv").append(i);
                p.addValue("pn" + i, e.getKey()).addValue("pv" + i, e.getValue());
                i++;
            }
            String from = THEMATIC_FROM.formatted(c.thematic().select(), filters);
            items = THEMATIC_SELECT.formatted(geometry, q.crs().digits) + from + " ORDER BY u.id LIMIT :limit OFFSET :offset";
            count = "SELECT count(*) " + from;
        }
        long matched = jdbc.queryForObject(count, p, Long.class);
        List<Row> rows = jdbc.query(items, p, (rs, i) -> new Row(rs.getLong("fid"), rs.getString("properties"),
                rs.getString("geometry")));
        return new Page(matched, rows);
    }

    List<Row> one(FeatureCollections.FeatureCollection c, long fid, Crs crs) {
        MapSqlParameterSource p = new MapSqlParameterSource("fid", fid);
        String sql;
        if (c.kind() == FeatureCollections.Kind.INDICATOR) {
            sql = INDICATOR_ONE.formatted(crs.geometrySql("u.geom"), crs.digits);
            p.addValue("code", c.indicator().code()).addValue("level", c.level().code());
        } else {
            sql = THEMATIC_SELECT.formatted(crs.geometrySql("u.geom"), crs.digits) + THEMATIC_ONE.formatted(c.thematic().select());
        }
        return jdbc.query(sql, p, (rs, i) -> new Row(rs.getLong("fid"), rs.getString("properties"), rs.getString("geometry")));
    }

    /** The attribute names of a thematic layer (its queryables), read from its SELECT. */
    java.util.Set<String> attributes(ThematicLayers.ThematicLayer layer) {
        return jdbc.getJdbcTemplate().query(ATTRIBUTES.formatted(layer.select()), rs -> {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            var meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnLabel(i);
                if (!name.equals("id") && !name.equals("geom")) {
                    names.add(name);
                }
            }
            return names;
        });
    }

    /** Extent of all units in CRS84, or null when no unit is loaded. */
    double[] extent() {
        return jdbc.query(EXTENT_CRS84, (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3),
                rs.getDouble(4)}).stream().findFirst().orElse(null);
    }

    private static MapSqlParameterSource parameters(FeatureCollections.FeatureCollection c, FeaturesQuery q) {
        Map<String, String> props = q.properties();
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("limit", q.limit()).addValue("offset", q.offset())
                .addValue("yearFrom", q.yearFrom()).addValue("yearTo", q.yearTo());
        if (c.kind() == FeatureCollections.Kind.INDICATOR) {
            p.addValue("code", c.indicator().code()).addValue("level", c.level().code())
                    .addValue("codigo", props.get("codigo")).addValue("tipo", props.get("tipo"))
                    .addValue("anio", integer(props.get("anio")))
                    .addValue("estado", props.get("estado"));
        }
        double[] b = q.bbox();
        boolean flipped = q.bboxCrs().flipped;
        p.addValue("hasBbox", b != null)
                .addValue("minx", b == null ? 0 : flipped ? b[1] : b[0])
                .addValue("miny", b == null ? 0 : flipped ? b[0] : b[1])
                .addValue("maxx", b == null ? 0 : flipped ? b[3] : b[2])
                .addValue("maxy", b == null ? 0 : flipped ? b[2] : b[3])
                .addValue("bboxSrid", q.bboxCrs().srid);
        return p;
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("anio", "no es un año: '" + s + "'");
        }
    }
}
