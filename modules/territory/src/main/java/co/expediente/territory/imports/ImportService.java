package co.expediente.territory.imports;

import static co.expediente.territory.imports.ImportRepository.*;

import co.expediente.territory.Level;
import co.expediente.territory.imports.ImportReport.Counts;
import co.expediente.territory.imports.ImportReport.FeatureIssue;
import co.expediente.territory.imports.ImportRequest.ImportMode;
import co.expediente.territory.imports.SourceInfo.Crs;
import co.expediente.territory.imports.SourceInfo.LayerInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import pipeline. A file goes through: format and zip checks → {@code ogrinfo} (layers,
 * fields, CRS) → {@code ogr2ogr} into {@code staging.imp_<id>} → copy into {@code staging.feature}
 * → geometry checks, reprojection to EPSG:9377 and safe repairs ({@code staging.prepare_geometry})
 * → the mapping (attributes, required values, domains) → checks against stored data (unit codes,
 * parents) → one transaction that merges into the target and records the import. Whatever goes
 * wrong before the merge, or in it, leaves the stored data as it was. Each import is recorded in
 * {@code layers.import} with its {@link ImportReport}.
 */
@Service
@EnableConfigurationProperties(ImportProperties.class)
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT_IMPORT_JDBC = INSERT_IMPORT
            .replace(":layer", "?").replace(":sourceName", "?").replace(":yearFrom", "?").replace(":yearTo", "?")
            .replace(":mode", "?").replace(":dryRun", "?").replace(":note", "?").replace(":by", "?")
            .replace(":lockClass", "?");
    private static final String UNLOCK_JDBC = UNLOCK.replace(":lockClass", "?").replace(":id", "?");

    private final ImportRepository repo;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final ImportProperties props;
    private final Gdal gdal;
    private final PgConnection pg;

    public ImportService(ImportRepository repo, DataSource dataSource, PlatformTransactionManager transactions,
                         ImportProperties props, DataSourceProperties dataSourceProperties) {
        this.repo = repo;
        this.jdbc = repo.jdbc();
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.props = props;
        this.gdal = new Gdal(props.ogrinfo(), props.ogr2ogr(), props.timeout());
        this.pg = PgConnection.fromJdbc(dataSourceProperties.determineUrl(), dataSourceProperties.determineUsername(),
                dataSourceProperties.determinePassword());
    }

    /** Imports that were left 'running' by a process that died are marked failed, their staging removed. */
    public List<Long> sweepInterrupted() {
        List<Long> failed = jdbc.sql(SWEEP_STALE).param("lockClass", LOCK_CLASS).query(Long.class).list();
        if (!failed.isEmpty()) {
            log.warn("Imports {} had been interrupted; marked failed", failed);
        }
        for (String table : jdbc.sql(LEFTOVER_STAGING_TABLES).query(String.class).list()) {
            repo.dropStagingTable(table);
        }
        jdbc.sql(DELETE_LEFTOVER_FEATURES).update();
        return failed;
    }

    /**
     * Runs one import and returns its report. Problems with the request itself (unknown layer, no
     * year) throw {@link IllegalArgumentException} before anything is recorded; problems with the
     * file give a report with status rejected.
     */
    public ImportReport run(ImportRequest request) {
        long started = System.nanoTime();
        TargetLayer layer = TargetLayer.parse(request.layer()).orElseThrow(() -> new IllegalArgumentException(
                "Capa desconocida '" + request.layer() + "'. Capas: " + String.join(", ", TargetLayer.codes().stream().sorted().toList()) + "."));
        Mapping mapping = request.mapping();
        if (mapping != null && mapping.layer() != layer) {
            throw new IllegalArgumentException("El mapeo es para la capa " + mapping.layer().code() + ", no para " + layer.code() + ".");
        }
        Integer yearFrom = request.yearFrom() != null ? request.yearFrom() : mapping != null ? mapping.year() : null;
        if (yearFrom == null && layer == TargetLayer.UNIT) {
            yearFrom = Year.now().getValue();
        }
        if (yearFrom == null && layer.kind() == TargetLayer.Kind.LAYER) {
            throw new IllegalArgumentException("Indique el año que describen los datos (--year), p. ej. --year 2024.");
        }
        if (yearFrom != null && (yearFrom < 1500 || yearFrom > 2200)) {
            throw new IllegalArgumentException("Año fuera de rango: " + yearFrom + ".");
        }
        if (request.yearTo() != null && (yearFrom == null || request.yearTo() <= yearFrom)) {
            throw new IllegalArgumentException("--to debe ser posterior a --year (intervalo [year, to)).");
        }
        if (layer.kind() == TargetLayer.Kind.SERIES && (request.sourceNote() == null || request.sourceNote().isBlank())) {
            throw new IllegalArgumentException("Una serie de " + layer.code() + " necesita su fuente (--source), p. ej. "
                    + "\"DAP actualización 2025 sobre proyecciones DANE CNPV 2018\".");
        }
        sweepInterrupted();
        Run run = new Run(request, layer, mapping, yearFrom);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            run.id = register(lock, run);
            try {
                execute(run);
            } catch (ImportRejectedException e) {
                run.reject(e.getMessage());
            } catch (Mapping.MappingException e) {
                run.errors.addAll(e.problems());
                run.status = "rejected";
            } catch (RuntimeException e) {
                String errorId = UUID.randomUUID().toString();
                Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
                log.error("Import {} failed (error {})", run.id, errorId, e);
                run.status = "failed";
                run.errors.add("Error inesperado al importar (identificador " + errorId + "): "
                        + cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + firstLine(cause.getMessage()) : "")
                        + ". No se escribió nada en las capas.");
            } finally {
                cleanUp(run);
            }
            run.durationMs = (System.nanoTime() - started) / 1_000_000;
            if (!run.status.equals("loaded")) {
                finish(run);
            }
            try (PreparedStatement ps = lock.prepareStatement(UNLOCK_JDBC)) {
                ps.setInt(1, LOCK_CLASS);
                ps.setLong(2, run.id);
                ps.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Base de datos no disponible para importar: " + e.getMessage(), e);
        }
        return run.report();
    }

    /** The stored report of an import (JSON), if the import exists and has finished. */
    public java.util.Optional<String> report(long id) {
        return jdbc.sql(REPORT).param("id", id).query(String.class).optional();
    }

    /** The latest imports, newest first. */
    public List<Map<String, Object>> recent(int limit) {
        return jdbc.sql(RECENT).param("limit", limit).query().listOfRows();
    }

    private long register(Connection lock, Run run) throws SQLException {
        try (PreparedStatement ps = lock.prepareStatement(INSERT_IMPORT_JDBC)) {
            ps.setString(1, run.layer.code());
            ps.setString(2, run.request.originalName());
            ps.setInt(3, run.yearFrom != null ? run.yearFrom : 0);
            ps.setObject(4, run.request.yearTo());
            ps.setString(5, run.mode().code());
            ps.setBoolean(6, run.request.dryRun());
            ps.setString(7, run.request.sourceNote());
            ps.setString(8, run.request.importedBy());
            ps.setInt(9, LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(Run run) {
        TargetLayer layer = run.layer;
        boolean spatial = layer.geometry() != TargetLayer.GeometryKind.NONE;
        Path work = props.workPath().resolve("import-" + run.id);
        run.work = work;
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("No se pudo crear la carpeta de trabajo " + work, e);
        }
        run.sha256 = sha256(run.request.file());
        SourceFiles.Dataset dataset = SourceFiles.prepare(run.request.file(), run.request.originalName(), work,
                props.zipLimits(), run.request.sourceLayer(), spatial);
        run.format = dataset.format();

        // 1. What is in the file: ogrinfo
        List<String> args = new ArrayList<>(List.of("-ro", "-so", "-al", "-nomd"));
        openOptions(dataset).forEach(o -> args.addAll(List.of("-oo", o)));
        args.add(dataset.path().toString());
        Gdal.Result info = gdal.ogrinfo(args);
        if (!info.ok()) {
            throw new ImportRejectedException("archivo_corrupto", "GDAL no pudo leer el archivo como " + dataset.format()
                    + " (¿dañado, incompleto o de otro formato?): " + info.errors());
        }
        SourceInfo source = SourceInfo.parse(info.stdout());
        if (source.driver() != null && !Gdal.ALLOWED_DRIVERS.contains(source.driver())) {
            throw new ImportRejectedException("formato_no_soportado", "El archivo lo abrió el controlador " + source.driver()
                    + " de GDAL, que no está entre los aceptados.");
        }
        if (source.layers().isEmpty()) {
            throw new ImportRejectedException("archivo_vacio", "El archivo no contiene ninguna capa de datos.");
        }
        String wanted = run.request.sourceLayer() != null ? run.request.sourceLayer()
                : run.mapping != null ? run.mapping.sourceLayer() : null;
        LayerInfo src;
        if (source.layers().size() == 1 && (wanted == null || !dataset.format().matches("GPKG|OpenFileGDB"))) {
            src = source.layers().get(0);
        } else if (wanted != null) {
            src = source.layer(wanted).orElseThrow(() -> new ImportRejectedException("capa_inexistente",
                    "El archivo no tiene la capa '" + wanted + "'. Capas: " + layerNames(source) + "."));
        } else {
            throw new ImportRejectedException("varias_capas", "El archivo tiene varias capas (" + layerNames(source)
                    + "): indique cuál con --source-layer.");
        }
        run.sourceLayer = src.name();

        // 2. The mapping against the file's fields
        if (run.mapping == null) {
            run.mapping = Mapping.identity(layer, src.fields());
            run.mappingName = "identidad (columnas con el mismo nombre)";
        }
        if (src.featureCount() == 0) {
            throw new ImportRejectedException("archivo_vacio", "El archivo no tiene ningún objeto (0 registros): no hay nada que importar.");
        }
        checkFields(run.mapping, src);

        // 3. The CRS
        Crs crs = null;
        if (spatial && "None".equals(src.geometryType())) {
            throw noGeometry(dataset);
        }
        if (spatial) {
            crs = decideCrs(run, dataset, src);
        }

        // 4. ogr2ogr into staging.imp_<id>, then staging.feature
        List<String> load = new ArrayList<>(List.of("-f", "PostgreSQL", pg.dataset(), dataset.path().toString(), src.name(),
                "-nln", "staging." + Identifiers.stagingTableName(run.id),
                "-lco", "GEOMETRY_NAME=_ogr_geom", "-lco", "FID=_ogr_fid", "-lco", "LAUNDER=NO",
                "-lco", "SPATIAL_INDEX=NONE", "-lco", "PRECISION=NO", "--config", "PG_USE_COPY", "YES"));
        if (spatial) {
            load.addAll(List.of("-nlt", "GEOMETRY", "-a_srs", "NONE", "-dim", "XY"));
        }
        openOptions(dataset).forEach(o -> load.addAll(List.of("-oo", o)));
        Gdal.Result loaded = gdal.ogr2ogr(load, pg.env());
        if (!loaded.ok()) {
            throw new ImportRejectedException("archivo_corrupto", "ogr2ogr no pudo cargar el archivo: " + loaded.errors());
        }
        String staged = Identifiers.stagingTableName(run.id);
        boolean hasGeometry = jdbc.sql(STAGING_COLUMNS).param("table", staged).query(String.class).list().contains("_ogr_geom");
        jdbc.sql(repo.copyStaged(run.id, hasGeometry)).param("id", run.id).update();
        repo.dropStagingTable(run.id);
        if (spatial && !hasGeometry) {
            throw noGeometry(dataset);
        }

        // 5. Geometries: null, empty, type, CRS, Colombia, validity and safe repair
        if (spatial) {
            jdbc.sql(PREPARE_GEOMETRIES).param("id", run.id).param("proj", crs.proj())
                    .param("kind", layer.geometry().sqlName()).param("maxChange", props.repairMaxChange())
                    .param("tolerance", props.repairTolerance()).update();
        } else {
            jdbc.sql(NO_GEOMETRY).param("id", run.id).update();
        }

        // 6. Attributes through the mapping
        mapAttributes(run);

        // 7. Checks against stored data
        if (layer == TargetLayer.UNIT) {
            checkUnits(run);
        } else if (layer.kind() == TargetLayer.Kind.SERIES) {
            jdbc.sql(REJECT_UNKNOWN_UNITS).param("id", run.id).update();
            jdbc.sql(REJECT_DUPLICATE_CODES).param("id", run.id).param("key", "unit").update();
        }

        if (run.mapping.replaceScope() != null) {
            jdbc.sql(REJECT_OUT_OF_SCOPE).param("id", run.id).param("column", run.mapping.replaceScope().column())
                    .param("scope", run.mapping.replaceScope().value()).update();
        }

        // 8. Counts and verdict
        collect(run);
        if (run.counts.loaded() == 0) {
            throw new ImportRejectedException("sin_objetos_validos", "Ningún objeto se puede cargar: los "
                    + run.counts.read() + " objetos leídos fueron rechazados (" + summary(run.reasons) + ").");
        }
        double max = run.request.maxRejectedPercent() != null ? run.request.maxRejectedPercent() : props.maxRejectedPercent();
        double pct = 100.0 * run.counts.rejected() / run.counts.read();
        if (pct > max) {
            throw new ImportRejectedException("demasiados_rechazos", String.format(Locale.ROOT,
                    "Se rechazaron %d de %d objetos (%.1f %%), más que el máximo permitido (%.1f %%): no se carga nada. "
                            + "Corrija el archivo o el mapeo, o suba el límite con --max-rejected.",
                    run.counts.rejected(), run.counts.read(), pct, max));
        }

        // 9. Merge in one transaction (or, for a dry run, only say what it would do)
        switch (layer.kind()) {
            case LAYER -> mergeLayer(run);
            case UNIT -> mergeUnits(run);
            case SERIES -> mergeSeries(run);
        }
    }

    private static ImportRejectedException noGeometry(SourceFiles.Dataset dataset) {
        return new ImportRejectedException("sin_geometria", "El archivo no tiene geometría"
                + (dataset.format().equals("CSV") ? ": un CSV necesita una columna WKT (wkt, geom, geometry) o columnas X/Y "
                        + "(x/y, lon/lat, longitud/latitud, este/norte)." : "."));
    }

    private static List<String> openOptions(SourceFiles.Dataset dataset) {
        List<String> oo = new ArrayList<>(dataset.openOptions());
        if (dataset.format().equals("CSV")) {
            oo.add("HEADERS=YES");
        }
        return oo;
    }

    private static String layerNames(SourceInfo source) {
        return String.join(", ", source.layers().stream().map(LayerInfo::name).toList());
    }

    private static void checkFields(Mapping mapping, LayerInfo src) {
        List<String> missing = mapping.fields().stream().filter(f -> !src.fields().contains(f)).toList();
        if (!missing.isEmpty()) {
            List<String> hints = new ArrayList<>();
            for (String m : missing) {
                src.fields().stream().filter(f -> FeatureMapper.fold(f).equals(FeatureMapper.fold(m))).findFirst()
                        .ifPresent(f -> hints.add("'" + m + "' → ¿'" + f + "'?"));
            }
            throw new ImportRejectedException("campo_inexistente", "El mapeo usa campos que el archivo no tiene: "
                    + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
                    + (hints.isEmpty() ? "" : " (" + String.join(", ", hints) + ")")
                    + ". Campos del archivo: " + String.join(", ", src.fields()) + ".");
        }
        if (mapping.layer().kind() == TargetLayer.Kind.SERIES && mapping.wide()
                && src.fields().stream().noneMatch(f -> f.trim().matches("\\d{4}"))) {
            throw new ImportRejectedException("sin_columnas_de_año", "Formato ancho sin columnas de año: el archivo debería "
                    + "tener columnas 2018, 2019, … (o use format: long con year y value). Campos: " + String.join(", ", src.fields()) + ".");
        }
        List<String> required = mapping.layer().columns().stream()
                .filter(TargetLayer.Column::isRequired)
                .map(TargetLayer.Column::name)
                .filter(c -> !mapping.columns().containsKey(c))
                .filter(c -> !(mapping.layer().kind() == TargetLayer.Kind.SERIES && !c.equals("unit")))
                .toList();
        if (!required.isEmpty()) {
            throw new ImportRejectedException("columna_sin_mapeo", "El mapeo no llena columnas obligatorias de "
                    + mapping.layer().code() + ": " + String.join(", ", required) + ". Campos del archivo: "
                    + String.join(", ", src.fields()) + ".");
        }
    }

    private Crs decideCrs(Run run, SourceFiles.Dataset dataset, LayerInfo src) {
        Crs fromFile = src.crs();
        if (run.request.crs() != null && !run.request.crs().isBlank()) {
            Crs named = Crs.named(run.request.crs());
            try {
                jdbc.sql(CHECK_PROJ).param("proj", named.proj()).query(String.class).single();
            } catch (RuntimeException e) {
                throw new ImportRejectedException("crs_invalido", "CRS no reconocido: '" + run.request.crs()
                        + "'. Use un código EPSG (p. ej. EPSG:9377, EPSG:3116, EPSG:4326) o una definición PROJ/WKT.");
            }
            run.crs = named.label();
            run.crsOrigin = "indicado por el usuario";
            if (fromFile != null && !fromFile.label().equals(named.label())) {
                run.warnings.add("El archivo declara " + fromFile.label() + " y se usó " + named.label()
                        + " por indicación del usuario.");
            }
            return named;
        }
        if (fromFile == null) {
            throw new ImportRejectedException("sin_crs", "El archivo no declara su sistema de coordenadas (CRS)"
                    + (dataset.format().equals("ESRI Shapefile") ? " (falta el .prj)" : "")
                    + ". Indíquelo con --crs, p. ej. --crs EPSG:9377 (MAGNA-SIRGAS Origen-Nacional), EPSG:3116 "
                    + "(MAGNA-SIRGAS Bogotá) o EPSG:4326 (longitud/latitud WGS84).");
        }
        run.crs = fromFile.label();
        run.crsOrigin = switch (dataset.format()) {
            case "GeoJSON" -> declaresCrs(dataset.path()) ? "miembro crs del GeoJSON" : "GeoJSON sin crs: WGS84 (RFC 7946)";
            case "KML" -> "KML: siempre WGS84";
            default -> "declarado en el archivo";
        };
        return fromFile;
    }

    private static boolean declaresCrs(Path geojson) {
        try (InputStream in = Files.newInputStream(geojson)) {
            String head = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
            return head.contains("\"crs\"");
        } catch (IOException e) {
            return false;
        }
    }

    private void mapAttributes(Run run) {
        FeatureMapper mapper;
        if (run.layer.kind() == TargetLayer.Kind.SERIES) {
            // a series takes every year column, or only --year (up to --to)
            Integer from = run.request.yearFrom();
            Integer to = run.request.yearTo() != null ? run.request.yearTo() : from != null ? Integer.valueOf(from + 1) : null;
            mapper = new FeatureMapper(run.mapping, from != null ? from : 0, to);
        } else {
            mapper = new FeatureMapper(run.mapping, run.yearFrom, null);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, Object> row : repo.featuresToMap(run.id)) {
            long fid = ((Number) row.get("fid")).longValue();
            JsonNode attrs;
            try {
                attrs = JSON.readTree((String) row.get("attrs"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            FeatureMapper.Result r = mapper.map(fid, attrs);
            rows.add(new Object[] {fid, r.isRejected() ? null : json(r.values()), r.reason(), r.detail()});
            if (rows.size() == 2000) {
                repo.setMapped(run.id, rows);
                rows.clear();
            }
        }
        repo.setMapped(run.id, rows);
    }

    private void checkUnits(Run run) {
        Level level = run.mapping.level();
        String parentLevel = parentLevel(level);
        if (!run.mapping.dissolve()) {
            jdbc.sql(REJECT_DUPLICATE_CODES).param("id", run.id).param("key", "code").update();
        }
        jdbc.sql(REJECT_CODE_AT_OTHER_LEVEL).param("id", run.id).param("level", level.code()).update();
        if (parentLevel != null) {
            jdbc.sql(REJECT_MISSING_PARENT).param("id", run.id).param("parentLevel", parentLevel).update();
        }
        if (run.mode() == ImportMode.APPEND) {
            jdbc.sql(REJECT_EXISTING_UNITS).param("id", run.id).update();
        }
        if (parentLevel != null) {
            jdbc.sql(UNITS_OUTSIDE_PARENT).param("id", run.id).query().listOfRows().forEach(r -> run.warnings.add(
                    "La unidad " + r.get("code") + " queda " + r.get("pct") + " % fuera de su unidad superior " + r.get("parent") + "."));
        }
        if (run.mapping.dissolve()) {
            jdbc.sql(MERGED_CODES).param("id", run.id).query().listOfRows().forEach(r -> run.warnings.add(
                    r.get("n") + " objetos con el código " + r.get("code") + " se unen en una sola unidad (dissolve: true)."));
        }
    }

    private static String parentLevel(Level level) {
        return switch (level) {
            case MUNICIPIO -> null;
            case COMUNA -> Level.MUNICIPIO.code();
            case BARRIO -> Level.COMUNA.code();
        };
    }

    private void collect(Run run) {
        Map<String, Object> c = jdbc.sql(COUNTS).param("id", run.id).query().singleRow();
        run.counts = new Counts(n(c.get("read")), n(c.get("loaded")), n(c.get("repaired")), n(c.get("rejected")), 0, 0);
        run.reasons = new LinkedHashMap<>();
        jdbc.sql(REASONS).param("id", run.id).query().listOfRows()
                .forEach(r -> run.reasons.put(String.valueOf(r.get("reason")), (int) n(r.get("count"))));
        String labelField = run.mapping.columns().containsKey("name") && run.mapping.columns().get("name").field() != null
                ? run.mapping.columns().get("name").field() : "";
        run.features = jdbc.sql(ISSUES).param("id", run.id).param("labelField", labelField)
                .param("limit", ImportReport.MAX_FEATURES + 1)
                .query((rs, i) -> new FeatureIssue(rs.getLong("fid"), rs.getString("label"), rs.getString("outcome"),
                        rs.getString("reason"), rs.getString("detail")))
                .list();
        if (run.features.size() > ImportReport.MAX_FEATURES) {
            run.features = run.features.subList(0, ImportReport.MAX_FEATURES);
            run.truncated = true;
        }
    }

    // --- merges ------------------------------------------------------------------------------------

    private void mergeLayer(Run run) {
        TargetLayer layer = run.layer;
        Mapping.Scope scope = run.mapping.replaceScope();
        String scopeValue = scope == null ? null : scope.value();
        String table = ImportRepository.table(layer);
        int year = run.yearFrom;
        Integer next = jdbc.sql(scoped(NEXT_VERSION_YEAR, layer, scope)).param("year", year).param("scope", scopeValue)
                .query(Integer.class).optional().orElse(null);
        Integer validTo = run.request.yearTo();
        boolean replace = run.mode() == ImportMode.REPLACE;
        if (replace) {
            if (validTo != null && next != null && validTo > next) {
                throw new ImportRejectedException("solapa_version_posterior", "La capa ya tiene datos desde " + next
                        + ": una versión de " + year + " no puede durar hasta " + validTo + ". Use --to " + next + " o menos.");
            }
            if (validTo == null) {
                validTo = next;
            }
        }
        run.validTo = validTo;
        long toClose = replace ? jdbc.sql(scoped(COUNT_TO_CLOSE, layer, scope)).param("year", year)
                .param("scope", scopeValue).query(Long.class).single() : 0;
        long sameYear = replace ? jdbc.sql(scoped(COUNT_SAME_YEAR, layer, scope)).param("year", year)
                .param("scope", scopeValue).query(Long.class).single() : 0;
        run.counts = new Counts(run.counts.read(), run.counts.loaded(), run.counts.repaired(), run.counts.rejected(), toClose, sameYear);
        if (next != null && run.request.yearTo() == null && replace) {
            run.warnings.add("La capa ya tiene una versión posterior (" + next + "): los objetos nuevos valen hasta " + next + ".");
        }
        if (toClose > 0) {
            run.warnings.add(toClose + " versiones vigentes en " + year + (scope == null ? "" : " con " + scope.column()
                    + " = " + scope.value()) + " se cierran (valid_to = " + year + "); su historia se conserva.");
        }
        if (sameYear > 0) {
            run.warnings.add(sameYear + " objetos importados antes para " + year + " se reemplazan; quedan archivados en layers.superseded.");
        }
        if (run.request.dryRun()) {
            run.status = "dry_run";
            return;
        }
        Integer to = validTo;
        tx.executeWithoutResult(status -> {
            jdbc.sql(LOCK_TARGET).param("lockClass", LOCK_CLASS).param("target", table).query(Long.class).single();
            if (replace) {
                jdbc.sql(scoped(ARCHIVE_SAME_YEAR, layer, scope)).param("year", year).param("scope", scopeValue)
                        .param("layer", layer.code()).param("id", run.id).update();
                jdbc.sql(scoped(CLOSE_OPEN_VERSIONS, layer, scope)).param("year", year).param("scope", scopeValue).update();
            }
            Integer historyEnd = jdbc.sql(scoped(HISTORY_END, layer, scope)).param("year", year).param("scope", scopeValue)
                    .query(Integer.class).optional().orElse(null);
            int inserted = jdbc.sql(ImportRepository.insertVersions(layer)).param("year", year)
                    .param("historyEnd", historyEnd, java.sql.Types.INTEGER).param("validTo", to, java.sql.Types.INTEGER)
                    .param("id", run.id).update();
            if (inserted != run.counts.loaded()) {
                throw new IllegalStateException("inserted " + inserted + " of " + run.counts.loaded());
            }
            run.status = "loaded";
            finish(run);
        });
    }

    private void mergeUnits(Run run) {
        Level level = run.mapping.level();
        long replaced = jdbc.sql(COUNT_UNITS_REPLACED).param("id", run.id).query(Long.class).single();
        run.counts = new Counts(run.counts.read(), run.counts.loaded(), run.counts.repaired(), run.counts.rejected(), 0, replaced);
        if (replaced > 0) {
            run.warnings.add(replaced + " unidades ya existían: se actualizan y su versión anterior queda en layers.superseded.");
        }
        if (run.request.dryRun()) {
            run.status = "dry_run";
            return;
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql(LOCK_TARGET).param("lockClass", LOCK_CLASS).param("target", "territory.unit").query(Long.class).single();
            jdbc.sql(ARCHIVE_UNITS).param("id", run.id).update();
            jdbc.sql(UPSERT_UNITS).param("id", run.id)
                    .param("level", level.code()).param("parentLevel", parentLevel(level), java.sql.Types.VARCHAR).update();
            run.status = "loaded";
            finish(run);
        });
    }

    private void mergeSeries(Run run) {
        String column = run.layer == TargetLayer.POPULATION ? "population" : run.mapping.measure();
        Map<String, Object> years = jdbc.sql(SERIES_YEARS).param("id", run.id).query().singleRow();
        run.yearFrom = ((Number) years.get("min")).intValue();
        run.validTo = ((Number) years.get("max")).intValue() + 1;
        long figures = n(years.get("count"));
        long existing = jdbc.sql(ImportRepository.series(COUNT_SERIES_EXISTING, run.layer, column)).param("id", run.id)
                .query(Long.class).single();
        boolean replace = run.mode() == ImportMode.REPLACE;
        run.counts = new Counts(run.counts.read(), run.counts.loaded(), run.counts.repaired(), run.counts.rejected(), 0,
                replace ? existing : 0);
        run.warnings.add(figures + " cifras (" + column + ", unidad × año) de " + run.yearFrom + " a " + (run.validTo - 1)
                + (existing == 0 ? "" : replace ? "; " + existing + " ya existían y se reemplazan (las anteriores quedan en layers.superseded)"
                        : "; " + existing + " ya existían y se conservan (modo append)") + ".");
        jdbc.sql(UNITS_WITHOUT_FIGURES).param("id", run.id).query().listOfRows().forEach(r -> run.warnings.add(
                r.get("n") + " unidades de nivel " + r.get("level") + " no tienen cifras en este archivo: " + r.get("codes") + "."));
        if (run.request.dryRun()) {
            run.status = "dry_run";
            return;
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql(LOCK_TARGET).param("lockClass", LOCK_CLASS).param("target", "territory." + run.layer.code()).query(Long.class).single();
            if (replace) {
                jdbc.sql(ImportRepository.series(ARCHIVE_SERIES, run.layer, column)).param("id", run.id)
                        .param("layer", run.layer.code()).update();
            }
            jdbc.sql(ImportRepository.series(replace ? UPSERT_SERIES : APPEND_SERIES, run.layer, column))
                    .param("id", run.id).param("source", run.request.sourceNote()).update();
            run.status = "loaded";
            finish(run);
        });
    }

    private void finish(Run run) {
        ImportReport report = run.report();
        Counts c = report.counts();
        jdbc.sql(FINISH_IMPORT).param("status", report.status()).param("format", run.format, java.sql.Types.VARCHAR)
                .param("crs", run.crs, java.sql.Types.VARCHAR)
                .param("yearFrom", run.yearFrom != null ? run.yearFrom : 0)
                .param("yearTo", run.validTo != null ? run.validTo : run.request.yearTo(), java.sql.Types.INTEGER)
                .param("read", c.read()).param("loaded", report.status().equals("loaded") || report.status().equals("dry_run") ? c.loaded() : 0)
                .param("repaired", c.repaired()).param("rejected", c.rejected())
                .param("report", json(report)).param("id", run.id).update();
    }

    private void cleanUp(Run run) {
        try {
            repo.dropStagingTable(run.id);
            jdbc.sql(CLEAR_STAGING).param("id", run.id).update();
        } catch (RuntimeException e) {
            log.warn("Could not clear the staging of import {}: {}", run.id, e.getMessage());
        }
        if (run.work != null) {
            try (Stream<Path> walk = Files.walk(run.work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log.warn("Could not remove {}: {}", run.work, e.getMessage());
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) {
        if (Files.isDirectory(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String summary(Map<String, Integer> reasons) {
        return String.join(", ", reasons.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** The state of one import while it runs. */
    private static final class Run {
        final ImportRequest request;
        final TargetLayer layer;
        Mapping mapping;
        String mappingName;
        Integer yearFrom;
        Integer validTo;
        long id;
        Path work;
        String sha256;
        String format;
        String sourceLayer;
        String crs;
        String crsOrigin;
        String status = "running";
        Counts counts = Counts.none();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        List<FeatureIssue> features = List.of();
        boolean truncated;
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        long durationMs;

        Run(ImportRequest request, TargetLayer layer, Mapping mapping, Integer yearFrom) {
            this.request = request;
            this.layer = layer;
            this.mapping = mapping;
            this.mappingName = request.mappingName();
            this.yearFrom = yearFrom;
        }

        ImportMode mode() {
            return request.mode() == null ? ImportMode.REPLACE : request.mode();
        }

        void reject(String message) {
            status = "rejected";
            errors.add(message);
        }

        ImportReport report() {
            return new ImportReport(id, layer.code(), status, mode().code(), request.dryRun(), yearFrom,
                    validTo != null ? validTo : request.yearTo(),
                    new ImportReport.Source(request.originalName(), format, sourceLayer, crs, crsOrigin, sha256,
                            request.sourceNote(), mappingName),
                    counts, reasons, List.copyOf(errors), List.copyOf(warnings), features, truncated, durationMs);
        }
    }
}
