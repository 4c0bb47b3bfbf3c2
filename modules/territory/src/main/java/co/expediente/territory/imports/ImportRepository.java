package co.expediente.territory.imports;

import static co.expediente.territory.imports.Identifiers.qualified;
import static co.expediente.territory.imports.Identifiers.quote;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the import pipeline, as named constants with bind parameters. Statements on a target
 * table take its name (from {@link TargetLayer}, never from input) through {@link Identifiers};
 * source field names are bind parameters read out of JSON.
 */
@Repository
class ImportRepository {

    /** First key of the advisory locks that mark an import as alive (second key: the import id). */
    static final int LOCK_CLASS = 735_001;

    static final String INSERT_IMPORT = """
            WITH i AS (
                INSERT INTO layers.import (layer, source_name, year_from, year_to, mode, dry_run, status, source_note, imported_by)
                VALUES (:layer, :sourceName, :yearFrom, :yearTo, :mode, :dryRun, 'running', :note, :by)
                RETURNING id)
            SELECT id FROM i WHERE pg_try_advisory_lock(:lockClass, id::int)
            """;

    static final String UNLOCK = "SELECT pg_advisory_unlock(:lockClass, :id::int)";

    static final String FINISH_IMPORT = """
            UPDATE layers.import
            SET status = :status, source_format = :format, source_crs = :crs, year_from = :yearFrom, year_to = :yearTo,
                features_read = :read, features_loaded = :loaded, features_repaired = :repaired,
                features_rejected = :rejected, report = CAST(:report AS jsonb), finished_at = now()
            WHERE id = :id
            """;

    /** Imports marked running whose process no longer holds their lock: killed or crashed. */
    static final String SWEEP_STALE = """
            UPDATE layers.import i
            SET status = 'failed', finished_at = now(),
                report = coalesce(report, '{}'::jsonb) || jsonb_build_object('status', 'failed', 'errors', jsonb_build_array(
                    'La importación se interrumpió antes de terminar (proceso terminado o caído); no se escribió nada.'))
            WHERE status = 'running'
              AND NOT EXISTS (SELECT 1 FROM pg_locks l
                              WHERE l.locktype = 'advisory' AND l.classid::bigint = :lockClass
                                AND l.objid::bigint = i.id AND l.objsubid = 2)
            RETURNING id
            """;

    static final String LEFTOVER_STAGING_TABLES = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'staging' AND c.relkind = 'r' AND c.relname ~ '^imp_[0-9]+$'
              AND NOT EXISTS (SELECT 1 FROM layers.import i
                              WHERE i.id = substring(c.relname FROM 5)::bigint AND i.status = 'running')
            """;

    static final String DELETE_LEFTOVER_FEATURES = """
            DELETE FROM staging.feature f
            WHERE NOT EXISTS (SELECT 1 FROM layers.import i WHERE i.id = f.import_id AND i.status = 'running')
            """;

    static final String STAGING_COLUMNS = """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'staging' AND table_name = :table ORDER BY ordinal_position
            """;

    /** Copies the rows ogr2ogr loaded into the common staging table (%s: the per-import table). */
    static final String COPY_STAGED_WITH_GEOMETRY = """
            INSERT INTO staging.feature (import_id, fid, attrs, src_geom)
            SELECT :id, t."_ogr_fid", to_jsonb(t) - '_ogr_fid' - '_ogr_geom', t."_ogr_geom" FROM %s t
            """;
    static final String COPY_STAGED_WITHOUT_GEOMETRY = """
            INSERT INTO staging.feature (import_id, fid, attrs)
            SELECT :id, t."_ogr_fid", to_jsonb(t) - '_ogr_fid' FROM %s t
            """;

    static final String PREPARE_GEOMETRIES = """
            UPDATE staging.feature f
            SET geom = p.geom, outcome = p.outcome, reason = p.reason, detail = p.detail
            FROM staging.feature s
            CROSS JOIN LATERAL staging.prepare_geometry(s.src_geom, :proj, :kind, :maxChange, :tolerance) p
            WHERE s.import_id = :id AND f.import_id = :id AND f.fid = s.fid
            """;
    static final String NO_GEOMETRY = "UPDATE staging.feature SET outcome = 'ok' WHERE import_id = :id";

    static final String CHECK_PROJ = """
            SELECT ST_AsText(ST_Transform(ST_Transform(ST_SetSRID(ST_MakePoint(-74.08, 4.6), 4326), :proj), :proj, 9377))
            """;

    static final String FEATURES_TO_MAP = """
            SELECT fid, attrs::text FROM staging.feature WHERE import_id = ? AND outcome <> 'rejected' ORDER BY fid
            """;
    static final String SET_MAPPED = """
            UPDATE staging.feature SET mapped = CAST(? AS jsonb),
                outcome = CASE WHEN ? THEN 'rejected' ELSE outcome END,
                reason = coalesce(?, reason), detail = coalesce(?, detail)
            WHERE import_id = ? AND fid = ?
            """;

    static final String COUNTS = """
            SELECT count(*) AS read,
                   count(*) FILTER (WHERE outcome IN ('ok', 'repaired')) AS loaded,
                   count(*) FILTER (WHERE outcome = 'repaired') AS repaired,
                   count(*) FILTER (WHERE outcome = 'rejected') AS rejected
            FROM staging.feature WHERE import_id = :id
            """;
    static final String ISSUES = """
            SELECT fid, nullif(concat_ws(' · ', coalesce(mapped->>'code', mapped->>'unit', mapped->>'source_id'),
                                         coalesce(mapped->>'name', attrs->>:labelField)), '') AS label,
                   outcome, reason, detail
            FROM staging.feature WHERE import_id = :id AND outcome IN ('repaired', 'rejected')
            ORDER BY fid LIMIT :limit
            """;
    static final String REASONS = """
            SELECT reason, count(*) FROM staging.feature
            WHERE import_id = :id AND outcome IN ('repaired', 'rejected') GROUP BY reason
            """;
    static final String ALREADY_LOADED = """
            SELECT count(*) FROM layers.import
            WHERE status = 'loaded' AND layer = :layer AND source_name = :name
              AND report->'source'->>'sha256' = :sha AND report->'source'->>'mapping' IS NOT DISTINCT FROM :mapping
            """;
    static final String REPORT = "SELECT report::text FROM layers.import WHERE id = :id";
    static final String RECENT = """
            SELECT id, layer, status, source_name AS file, year_from AS "yearFrom", year_to AS "yearTo", mode,
                   dry_run AS "dryRun", features_read AS read, features_loaded AS loaded, features_repaired AS repaired,
                   features_rejected AS rejected, imported_by AS "importedBy",
                   to_char(started_at, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS "startedAt"
            FROM layers.import ORDER BY id DESC LIMIT :limit
            """;
    static final String CLEAR_STAGING = "DELETE FROM staging.feature WHERE import_id = :id";

    // --- units ---------------------------------------------------------------------------------

    static final String REJECT_DUPLICATE_CODES = """
            UPDATE staging.feature f
            SET outcome = 'rejected', reason = 'codigo_duplicado',
                detail = format('El código %s ya lo usa el objeto #%s del archivo.', f.mapped->>:key, d.first)
            FROM (SELECT fid, first_value(fid) OVER (PARTITION BY mapped->>:key ORDER BY fid) AS first
                  FROM staging.feature WHERE import_id = :id AND outcome <> 'rejected') d
            WHERE f.import_id = :id AND f.fid = d.fid AND d.fid <> d.first
            """;
    static final String REJECT_MISSING_PARENT = """
            UPDATE staging.feature f
            SET outcome = 'rejected', reason = 'padre_inexistente',
                detail = format('No existe la unidad superior %s de nivel %s: importe antes ese nivel o corrija el código.',
                                f.mapped->>'parent', :parentLevel)
            WHERE f.import_id = :id AND f.outcome <> 'rejected'
              AND NOT EXISTS (SELECT 1 FROM territory.unit p WHERE p.code = f.mapped->>'parent' AND p.level = :parentLevel)
            """;
    static final String REJECT_CODE_AT_OTHER_LEVEL = """
            UPDATE staging.feature f
            SET outcome = 'rejected', reason = 'codigo_en_otro_nivel',
                detail = format('El código %s ya es una unidad de nivel %s.', u.code, u.level)
            FROM territory.unit u
            WHERE f.import_id = :id AND f.outcome <> 'rejected' AND u.code = f.mapped->>'code' AND u.level <> :level
            """;
    static final String REJECT_EXISTING_UNITS = """
            UPDATE staging.feature f
            SET outcome = 'rejected', reason = 'unidad_existente',
                detail = format('La unidad %s ya existe (modo append no la modifica; use replace).', u.code)
            FROM territory.unit u
            WHERE f.import_id = :id AND f.outcome <> 'rejected' AND u.code = f.mapped->>'code'
            """;
    static final String UNITS_OUTSIDE_PARENT = """
            SELECT f.mapped->>'code' AS code, f.mapped->>'parent' AS parent,
                   round(100 * (1 - ST_Area(ST_Intersection(f.geom, p.geom)) / ST_Area(f.geom))) AS pct
            FROM staging.feature f JOIN territory.unit p ON p.code = f.mapped->>'parent'
            WHERE f.import_id = :id AND f.outcome <> 'rejected' AND ST_Area(f.geom) > 0
              AND ST_Area(ST_Intersection(f.geom, p.geom)) < 0.95 * ST_Area(f.geom)
            ORDER BY 1
            """;
    static final String COUNT_UNITS_REPLACED = """
            SELECT count(*) FROM territory.unit u
            WHERE u.code IN (SELECT mapped->>'code' FROM staging.feature
                             WHERE import_id = :id AND outcome IN ('ok', 'repaired'))
            """;
    static final String ARCHIVE_UNITS = """
            INSERT INTO layers.superseded (layer, feature_id, superseded_by, row_data, geom)
            SELECT 'unit', u.id, :id, to_jsonb(u) - 'geom', u.geom
            FROM territory.unit u
            WHERE u.code IN (SELECT mapped->>'code' FROM staging.feature
                             WHERE import_id = :id AND outcome IN ('ok', 'repaired'))
            """;
    /** Features sharing a code become one unit (with dissolve: true; otherwise duplicates were rejected). */
    static final String UPSERT_UNITS = """
            INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
            SELECT x.code, x.m->>'name', :level, x.m->>'kind', p.id, x.g
            FROM (SELECT mapped->>'code' AS code, (array_agg(mapped ORDER BY fid))[1] AS m,
                         CASE WHEN count(*) = 1 THEN (array_agg(geom))[1]
                              ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(geom)), 3)) END AS g
                  FROM staging.feature WHERE import_id = :id AND outcome IN ('ok', 'repaired')
                  GROUP BY mapped->>'code') x
            LEFT JOIN territory.unit p ON p.code = x.m->>'parent' AND p.level = :parentLevel
            ON CONFLICT (code) DO UPDATE
            SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, geom = EXCLUDED.geom
            """;
    static final String MERGED_CODES = """
            SELECT mapped->>'code' AS code, count(*) AS n FROM staging.feature
            WHERE import_id = :id AND outcome IN ('ok', 'repaired') GROUP BY 1 HAVING count(*) > 1 ORDER BY 1
            """;

    // --- series (population, households) ---------------------------------------------------------

    static final String REJECT_UNKNOWN_UNITS = """
            UPDATE staging.feature f
            SET outcome = 'rejected', reason = 'unidad_inexistente',
                detail = format('No hay ninguna unidad territorial con código %s: sus cifras no se cargan.', f.mapped->>'unit')
            WHERE f.import_id = :id AND f.outcome <> 'rejected'
              AND NOT EXISTS (SELECT 1 FROM territory.unit u WHERE u.code = f.mapped->>'unit')
            """;
    private static final String SERIES_FIGURES = """
            SELECT u.id AS unit_id, e.key::int AS year, e.value::bigint AS value
            FROM staging.feature f
            JOIN territory.unit u ON u.code = f.mapped->>'unit'
            CROSS JOIN LATERAL jsonb_each_text(f.mapped->'values') e
            WHERE f.import_id = :id AND f.outcome IN ('ok', 'repaired')
            """;
    static final String UNITS_WITHOUT_FIGURES = """
            SELECT u.level, count(*) AS n, string_agg(u.code, ', ' ORDER BY u.code) AS codes
            FROM territory.unit u
            WHERE u.level IN (SELECT DISTINCT m.level FROM staging.feature f JOIN territory.unit m ON m.code = f.mapped->>'unit'
                              WHERE f.import_id = :id AND f.outcome IN ('ok', 'repaired'))
              AND NOT EXISTS (SELECT 1 FROM staging.feature f WHERE f.import_id = :id AND f.outcome IN ('ok', 'repaired')
                                                              AND f.mapped->>'unit' = u.code)
            GROUP BY u.level
            """;
    static final String SERIES_YEARS = "SELECT min(year), max(year), count(*) FROM (" + SERIES_FIGURES + ") n";
    /** %1$s: the series table; %2$s: the value column. */
    static final String COUNT_SERIES_EXISTING = """
            SELECT count(*) FROM %1$s t JOIN (""" + SERIES_FIGURES + """
            ) n ON n.unit_id = t.unit_id AND n.year = t.year WHERE t.%2$s IS NOT NULL
            """;
    static final String ARCHIVE_SERIES = """
            INSERT INTO layers.superseded (layer, feature_id, superseded_by, row_data)
            SELECT :layer, t.unit_id, :id, to_jsonb(t)
            FROM %1$s t JOIN (""" + SERIES_FIGURES + """
            ) n ON n.unit_id = t.unit_id AND n.year = t.year WHERE t.%2$s IS NOT NULL
            """;
    static final String UPSERT_SERIES = """
            INSERT INTO %1$s (unit_id, year, %2$s, source)
            SELECT n.unit_id, n.year, n.value, :source FROM (""" + SERIES_FIGURES + """
            ) n
            ON CONFLICT (unit_id, year) DO UPDATE SET %2$s = EXCLUDED.%2$s, source = EXCLUDED.source
            """;
    static final String APPEND_SERIES = """
            INSERT INTO %1$s (unit_id, year, %2$s, source)
            SELECT n.unit_id, n.year, n.value, :source FROM (""" + SERIES_FIGURES + """
            ) n
            ON CONFLICT (unit_id, year) DO UPDATE SET %2$s = EXCLUDED.%2$s WHERE %1$s.%2$s IS NULL
            """;

    // --- thematic layers (%s: the layer table) -----------------------------------------------------

    static final String LOCK_TARGET =
            "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:lockClass + 1, hashtext(:target))) l";
    // %1$s: the layer table (alias t); %2$s: the replace scope (empty, or AND t."column" = :scope)
    static final String NEXT_VERSION_YEAR = "SELECT min(valid_from) FROM %1$s t WHERE valid_from > :year%2$s";
    static final String COUNT_TO_CLOSE = """
            SELECT count(*) FROM %1$s t WHERE valid_from < :year AND (valid_to IS NULL OR valid_to > :year)%2$s
            """;
    static final String COUNT_SAME_YEAR = "SELECT count(*) FROM %1$s t WHERE valid_from = :year%2$s";
    static final String ARCHIVE_SAME_YEAR = """
            WITH gone AS (DELETE FROM %1$s t WHERE t.valid_from = :year%2$s RETURNING t.*)
            INSERT INTO layers.superseded (layer, feature_id, import_id, superseded_by, row_data, geom)
            SELECT :layer, g.id, g.import_id, :id, to_jsonb(g) - 'geom', g.geom FROM gone g
            """;
    static final String CLOSE_OPEN_VERSIONS = """
            UPDATE %1$s t SET valid_to = :year WHERE valid_from < :year AND (valid_to IS NULL OR valid_to > :year)%2$s
            """;
    static final String HISTORY_END = "SELECT max(valid_to) FROM %1$s t WHERE valid_to <= :year%2$s";
    static final String REJECT_OUT_OF_SCOPE = """
            UPDATE staging.feature
            SET outcome = 'rejected', reason = 'fuera_del_alcance',
                detail = format('%s = %s, pero esta importación solo reemplaza los objetos con %s = %s (replace_scope).',
                                :column, coalesce(mapped->>:column, 'nulo'), :column, :scope)
            WHERE import_id = :id AND outcome <> 'rejected' AND mapped->>:column IS DISTINCT FROM :scope
            """;
    /** %1$s table, %2$s its column list, %3$s the same columns read from the mapped record. */
    static final String INSERT_VERSIONS = """
            INSERT INTO %1$s (%2$s, valid_from, valid_to, import_id, geom)
            SELECT %3$s, LEAST(:year, GREATEST(coalesce(r.valid_from, :year), :historyEnd)), :validTo, :id, f.geom
            FROM staging.feature f CROSS JOIN LATERAL jsonb_populate_record(NULL::%1$s, f.mapped) r
            WHERE f.import_id = :id AND f.outcome IN ('ok', 'repaired')
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ImportRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    static String table(TargetLayer layer) {
        return qualified(layer.schema(), layer.table());
    }

    static String stagingTable(long importId) {
        return qualified("staging", Identifiers.stagingTableName(importId));
    }

    String copyStaged(long importId, boolean withGeometry) {
        return (withGeometry ? COPY_STAGED_WITH_GEOMETRY : COPY_STAGED_WITHOUT_GEOMETRY).formatted(stagingTable(importId));
    }

    void dropStagingTable(long importId) {
        template.execute("DROP TABLE IF EXISTS " + stagingTable(importId));
    }

    void dropStagingTable(String relname) {
        template.execute("DROP TABLE IF EXISTS " + qualified("staging", relname));
    }

    void setMapped(long importId, List<Object[]> rows) {
        template.batchUpdate(SET_MAPPED, rows.stream()
                .map(r -> new Object[] {r[1], r[2] != null, r[2], r[3], importId, r[0]})
                .toList());
    }

    List<Map<String, Object>> featuresToMap(long importId) {
        return template.queryForList(FEATURES_TO_MAP, importId);
    }

    /** The columns a layer's INSERT writes (every mappable column except valid_from). */
    static List<String> insertColumns(TargetLayer layer) {
        return layer.columnNames().stream().filter(c -> !c.equals("valid_from")).toList();
    }

    static String insertVersions(TargetLayer layer) {
        List<String> cols = insertColumns(layer);
        return INSERT_VERSIONS.formatted(table(layer),
                cols.stream().map(Identifiers::quote).collect(Collectors.joining(", ")),
                cols.stream().map(c -> "r." + quote(c)).collect(Collectors.joining(", ")));
    }

    /** A layer statement limited to the replace scope of the mapping, if it has one. */
    static String scoped(String sql, TargetLayer layer, Mapping.Scope scope) {
        return sql.formatted(table(layer), scope == null ? "" : " AND t." + quote(scope.column()) + " = :scope");
    }

    static String series(String sql, TargetLayer layer, String valueColumn) {
        return sql.formatted(table(layer), quote(valueColumn));
    }
}
