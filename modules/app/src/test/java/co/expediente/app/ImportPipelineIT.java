package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.expediente.territory.imports.ImportReport;
import co.expediente.territory.imports.ImportRequest.ImportMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The import pipeline end to end: formats, CRS, repairs and rejections with reasons, versions by year. */
class ImportPipelineIT extends ImportIntegrationTest {

    private static final String ROADS = """
            layer: road
            columns:
              source_id: id
              name: nombre
              hierarchy: {field: tipo, values: {A: arteria, C: colectora}}
            """;

    private String roads(double lon, String... ids) {
        StringBuilder f = new StringBuilder();
        for (String id : ids) {
            if (f.length() > 0) {
                f.append(',');
            }
            f.append(feature("{\"type\":\"LineString\",\"coordinates\":[[%s,6.2],[%s,6.21]]}".formatted(n(lon), n(lon + 0.01)),
                    "{\"id\":\"" + id + "\",\"nombre\":\"Vía " + id + "\",\"tipo\":\"A\"}"));
            lon += 0.001;
        }
        return featureCollection(f.toString());
    }

    private long roadsValidIn(int year) {
        return count("SELECT count(*) FROM layers.road WHERE valid_from <= " + year + " AND (valid_to IS NULL OR valid_to > " + year + ")");
    }

    @Test
    void replacingAYearClosesTheOpenVersionsAndKeepsHistory() {
        Map<String, String> untouched = storedState();
        ImportReport first = run("road", write("r2020.geojson", roads(-75.6, "a", "b")), 2020, ROADS);
        assertThat(first.status()).isEqualTo("loaded");
        assertThat(first.counts().loaded()).isEqualTo(2);
        assertThat(first.source().crs()).isEqualTo("EPSG:4326");
        assertThat(first.source().crsOrigin()).contains("RFC 7946");

        ImportReport second = run("road", write("r2022.geojson", roads(-75.6, "a", "b", "c")), 2022, ROADS);
        assertThat(second.counts().closed()).isEqualTo(2);
        assertThat(roadsValidIn(2021)).isEqualTo(2);
        assertThat(roadsValidIn(2022)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM layers.road WHERE valid_to = 2022")).isEqualTo(2);

        // A correction of 2022: the earlier 2022 versions are superseded (archived), 2020's history stays.
        ImportReport fix = run("road", write("r2022b.geojson", roads(-75.6, "a")), 2022, ROADS);
        assertThat(fix.counts().superseded()).isEqualTo(3);
        assertThat(roadsValidIn(2021)).isEqualTo(2);
        assertThat(roadsValidIn(2022)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM layers.superseded WHERE layer = 'road' AND superseded_by = " + fix.importId())).isEqualTo(3);

        // An older year imported afterwards ends where the next version starts.
        ImportReport older = run("road", write("r2018.geojson", roads(-75.6, "x")), 2018, ROADS);
        assertThat(older.yearTo()).isEqualTo(2020);
        assertThat(roadsValidIn(2019)).isEqualTo(1);
        assertThat(roadsValidIn(2020)).isEqualTo(2);

        // Lineage and the import log
        assertThat(count("SELECT count(*) FROM layers.superseded WHERE import_id = " + second.importId())).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM layers.road WHERE import_id = " + fix.importId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status || '/' || features_loaded FROM layers.import WHERE id = :id")
                .param("id", first.importId()).query(String.class).single()).isEqualTo("loaded/2");
        assertThat(storedState().get("layers.hazard_zone")).isEqualTo(untouched.get("layers.hazard_zone"));
    }

    @Test
    void aDryRunReportsEverythingAndWritesNothing() {
        run("road", write("base.geojson", roads(-75.5, "d1", "d2")), 2010, ROADS);
        Map<String, String> before = storedState();
        ImportReport dry = run("road", write("dry.geojson", roads(-75.5, "d3")), 2011, null, ImportMode.REPLACE, true, null, ROADS, null);
        assertThat(dry.status()).isEqualTo("dry_run");
        assertThat(dry.counts().loaded()).isEqualTo(1);
        assertThat(dry.counts().closed()).isGreaterThanOrEqualTo(2);
        assertThat(storedState()).isEqualTo(before);
        ImportReport append = run("road", write("more.geojson", roads(-75.5, "d4")), 2011, null, ImportMode.APPEND, false, null, ROADS, null);
        assertThat(append.counts().closed()).isZero();
        assertThat(roadsValidIn(2011)).isEqualTo(roadsValidIn(2010) + 1);
    }

    @Test
    void invalidGeometriesAreRepairedWhenSafeAndOtherwiseRejectedWithTheirReason() {
        String mapping = "layer: hazard_zone\ncolumns: {name: n, hazard: {constant: inundacion}, level: {constant: media}}";
        String ringTouch = feature("{\"type\":\"Polygon\",\"coordinates\":[[[-75.6,6.2],[-75.59,6.2],[-75.59,6.21],[-75.595,6.2],"
                + "[-75.6,6.21],[-75.6,6.2]]]}", "{\"n\":\"toca\"}");
        Path file = write("riesgo.geojson", featureCollection(
                square(-75.6, 6.25, 0.01, "{\"n\":\"buena\"}"),
                ringTouch,
                bowTie(-75.58, 6.25, 0.01, "{\"n\":\"corbatin\"}"),
                feature("{\"type\":\"Point\",\"coordinates\":[-75.57,6.25]}", "{\"n\":\"punto\"}"),
                feature("null", "{\"n\":\"sin\"}"),
                square(10, 50, 0.01, "{\"n\":\"europa\"}"),
                square(-75.56, 6.25, 0.01, "{\"n\":\"otra\"}"),
                square(-75.55, 6.25, 0.01, "{\"n\":\"mas\"}"),
                square(-75.54, 6.25, 0.01, "{\"n\":\"y\"}"),
                square(-75.53, 6.25, 0.01, "{\"n\":\"z\"}")));
        ImportReport r = run("hazard_zone", file, 2015, null, ImportMode.REPLACE, false, null, mapping, null);
        assertThat(r.status()).as(r.toText()).isEqualTo("rejected"); // 4 of 10 rejected: over the 10 % default
        assertThat(r.errors().get(0)).contains("40.0 %");
        assertThat(r.reasons()).containsEntry("geometria_irreparable", 1).containsEntry("tipo_de_geometria", 1)
                .containsEntry("geometria_nula", 1).containsEntry("fuera_de_colombia", 1).containsEntry("geometria_invalida", 1);
        assertThat(r.features()).anySatisfy(f -> {
            assertThat(f.fid()).isEqualTo(3);
            assertThat(f.label()).contains("corbatin");
            assertThat(f.detail()).contains("Self-intersection").contains("cambiaría el área");
        });
        assertThat(r.features()).anySatisfy(f -> {
            assertThat(f.fid()).isEqualTo(2);
            assertThat(f.outcome()).isEqualTo("repaired");
            assertThat(f.detail()).contains("Ring Self-intersection");
        });

        ImportReport tolerant = imports.run(new co.expediente.territory.imports.ImportRequest("hazard_zone", file, "riesgo.geojson",
                2015, null, ImportMode.REPLACE, false, null, co.expediente.territory.imports.Mapping.parse(mapping), "test",
                null, null, 50.0, "test"));
        assertThat(tolerant.status()).isEqualTo("loaded");
        assertThat(tolerant.counts()).satisfies(c -> {
            assertThat(c.read()).isEqualTo(10);
            assertThat(c.loaded()).isEqualTo(6);
            assertThat(c.repaired()).isEqualTo(1);
            assertThat(c.rejected()).isEqualTo(4);
        });
        assertThat(count("SELECT count(*) FROM layers.hazard_zone WHERE import_id = " + tolerant.importId() + " AND NOT ST_IsValid(geom)")).isZero();
        assertThat(count("SELECT count(*) FROM staging.feature")).isZero();
    }

    @Test
    void everyFormatIsReadAndReprojectedToTheNationalCrs() {
        String stations = "layer: transit_station\ncolumns: {source_id: id, name: nombre, mode: {constant: metro}}";
        Path geojson = write("estaciones.geojson", featureCollection(
                feature("{\"type\":\"Point\",\"coordinates\":[-75.5696,6.2518]}", "{\"id\":\"E1\",\"nombre\":\"Parque Berrío\"}")));
        // GeoPackage in MAGNA-SIRGAS Bogotá (EPSG:3116)
        Path gpkg = dir.resolve("estaciones.gpkg");
        ogr2ogr("-f", "GPKG", "-t_srs", "EPSG:3116", gpkg.toString(), geojson.toString());
        // zipped Shapefile in EPSG:9377
        Path shpDir = dir.resolve("shp");
        mkdirs(shpDir);
        ogr2ogr("-f", "ESRI Shapefile", "-t_srs", "EPSG:9377", shpDir.resolve("estaciones.shp").toString(), geojson.toString());
        Path zip = zip(dir.resolve("estaciones_shp.zip"), shpDir);
        // KML, FileGDB (zipped folder), CSV with WKT and CSV with X/Y
        Path kml = dir.resolve("estaciones.kml");
        ogr2ogr("-f", "KML", kml.toString(), geojson.toString());
        Path gdbDir = dir.resolve("gdb");
        mkdirs(gdbDir);
        ogr2ogr("-f", "OpenFileGDB", "-nlt", "POINT", gdbDir.resolve("estaciones.gdb").toString(), geojson.toString());
        Path gdbZip = zip(dir.resolve("estaciones_gdb.zip"), gdbDir);
        Path wkt = write("estaciones_wkt.csv", "id,nombre,wkt\nE1,Parque Berrío,POINT (-75.5696 6.2518)\n");
        Path xy = write("estaciones_xy.csv", "id;nombre;longitud;latitud\nE1;Parque Berrío;-75.5696;6.2518\n".replace(';', ','));

        double[] expected = jdbc.sql("SELECT ST_X(g), ST_Y(g) FROM ST_Transform(ST_SetSRID(ST_MakePoint(-75.5696, 6.2518), 4326), 9377) g")
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        int year = 2030;
        for (Path file : new Path[] {geojson, gpkg, zip, kml, gdbZip, wkt, xy}) {
            boolean csv = file.toString().endsWith(".csv");
            String mapping = file.toString().endsWith(".kml")
                    ? "layer: transit_station\ncolumns: {source_id: Name, name: Name, mode: {constant: metro}}" : stations;
            ImportReport r = run("transit_station", file, year, null, ImportMode.REPLACE, false, csv ? "EPSG:4326" : null, mapping, null);
            assertThat(r.status()).as(file.getFileName() + ": " + r.toText()).isEqualTo("loaded");
            double[] xyStored = jdbc.sql("SELECT ST_X(geom), ST_Y(geom) FROM layers.transit_station WHERE import_id = :id")
                    .param("id", r.importId()).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
            assertThat(xyStored[0]).as(file.getFileName().toString()).isCloseTo(expected[0], within(0.05));
            assertThat(xyStored[1]).as(file.getFileName().toString()).isCloseTo(expected[1], within(0.05));
            year++;
        }
    }

    @Test
    void unitsAndTheirPopulationAreImportedWithTheirHierarchyAndSource() {
        String comunas = """
                layer: unit
                level: comuna
                columns: {code: cod, name: nom, kind: {constant: corregimiento}, parent: {constant: "99001"}}
                """;
        Path c = write("corr.geojson", featureCollection(square(-75.70, 6.30, 0.02, "{\"cod\":\"99050\",\"nom\":\"Corregimiento Alto\"}")));
        ImportReport units = run("unit", c, 2024, comunas);
        assertThat(units.status()).as(units.toText()).isEqualTo("loaded");
        assertThat(jdbc.sql("SELECT p.code FROM territory.unit u JOIN territory.unit p ON p.id = u.parent_id WHERE u.code = '99050'")
                .query(String.class).single()).isEqualTo("99001");
        String veredas = """
                layer: unit
                level: barrio
                columns: {code: cod, name: nom, kind: {constant: vereda}, parent: padre}
                """;
        Path v = write("veredas.geojson", featureCollection(
                square(-75.70, 6.30, 0.01, "{\"cod\":\"9905001\",\"nom\":\"Vereda Uno\",\"padre\":\"99050\"}"),
                square(-75.69, 6.30, 0.01, "{\"cod\":\"9905002\",\"nom\":\"Vereda Dos\",\"padre\":\"99099\"}")));
        ImportReport strict = run("unit", v, 2024, null, ImportMode.REPLACE, false, null, veredas, null);
        assertThat(strict.status()).isEqualTo("rejected"); // 1 of 2 rejected: more than 10 %
        assertThat(strict.reasons()).containsEntry("padre_inexistente", 1);
        assertThat(strict.features().get(0).detail()).contains("99099");
        ImportReport vr = imports.run(new co.expediente.territory.imports.ImportRequest("unit", v, "veredas.geojson", 2024,
                null, ImportMode.REPLACE, false, null, co.expediente.territory.imports.Mapping.parse(veredas), "test",
                null, null, 50.0, "test"));
        assertThat(vr.status()).isEqualTo("loaded");
        assertThat(count("SELECT count(*) FROM territory.unit WHERE code = '9905001' AND kind = 'vereda' AND level = 'barrio'")).isEqualTo(1);

        Path csv = write("poblacion.csv", "codigo,nombre,2023,2024\n99050,Corregimiento Alto,1000,1010\n9905001,Vereda Uno,400,404\nX1,Nada,1,1\n");
        String pop = "layer: population\ncolumns: {unit: codigo}";
        ImportReport p = imports.run(new co.expediente.territory.imports.ImportRequest("population", csv, "poblacion.csv", null,
                null, ImportMode.REPLACE, false, null, co.expediente.territory.imports.Mapping.parse(pop), "test",
                "Prueba 2025", null, 50.0, "test"));
        assertThat(p.status()).as(p.toText()).isEqualTo("loaded");
        assertThat(p.yearFrom()).isEqualTo(2023);
        assertThat(p.yearTo()).isEqualTo(2025);
        assertThat(p.reasons()).containsEntry("unidad_inexistente", 1);
        assertThat(count("SELECT sum(population) FROM territory.population p JOIN territory.unit u ON u.id = p.unit_id "
                + "WHERE u.code IN ('99050', '9905001')")).isEqualTo(2814);

        // A new series for 2024 replaces that year's figure and archives the old one.
        Path update = write("poblacion2.csv", "codigo,2024\n99050,1111\n");
        ImportReport up = run("population", update, 2024, null, ImportMode.REPLACE, false, null, pop, "Prueba 2026");
        assertThat(up.counts().superseded()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT population || ' ' || source FROM territory.population p JOIN territory.unit u ON u.id = p.unit_id "
                + "WHERE u.code = '99050' AND year = 2024").query(String.class).single()).isEqualTo("1111 Prueba 2026");
        assertThat(count("SELECT count(*) FROM layers.superseded WHERE layer = 'population' AND row_data->>'population' = '1010'"))
                .isEqualTo(1);

        // Households fill their measure column
        Path households = write("hogares.csv", "codigo,2024\n99050,350\n");
        ImportReport h = imports.run(new co.expediente.territory.imports.ImportRequest("households", households, "hogares.csv", null,
                null, ImportMode.REPLACE, false, null,
                co.expediente.territory.imports.Mapping.parse("layer: households\nmeasure: dwellings\ncolumns: {unit: codigo}"),
                "test", "Prueba hogares", null, null, "test"));
        assertThat(h.status()).isEqualTo("loaded");
        assertThat(count("SELECT dwellings FROM territory.households h JOIN territory.unit u ON u.id = h.unit_id WHERE u.code = '99050'"))
                .isEqualTo(350);
    }

    private static void mkdirs(Path p) {
        try {
            java.nio.file.Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path zip(Path zip, Path folder) {
        try (var out = java.nio.file.Files.newOutputStream(zip); var z = new java.util.zip.ZipOutputStream(out);
             var walk = java.nio.file.Files.walk(folder)) {
            for (Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                z.putNextEntry(new java.util.zip.ZipEntry(folder.relativize(p).toString()));
                java.nio.file.Files.copy(p, z);
                z.closeEntry();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return zip;
    }
}
