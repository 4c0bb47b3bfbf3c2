package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.territory.imports.ImportReport;
import co.expediente.territory.imports.ImportRequest.ImportMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input, nothing lost: every broken source gets a clear error, and what was stored before is
 * exactly as it was (checksums of every stored table before and after).
 */
class ImportBadInputIT extends ImportIntegrationTest {

    private static final String HAZARD = """
            layer: hazard_zone
            columns:
              name: NOMBRE
              hazard: {field: AMENAZA, values: {Inundaciones: inundacion, Movimientos en masa: movimiento_en_masa}}
              level: {constant: alta}
            """;

    private Path good;

    @BeforeEach
    void someDataIsStored() {
        good = write("bueno.geojson", featureCollection(
                square(-75.60, 6.25, 0.01, "{\"NOMBRE\":\"La Iguaná\",\"AMENAZA\":\"Inundaciones\"}"),
                square(-75.58, 6.25, 0.01, "{\"NOMBRE\":\"El Pinal\",\"AMENAZA\":\"Movimientos en masa\"}")));
        if (count("SELECT count(*) FROM layers.hazard_zone") == 0) {
            assertThat(run("hazard_zone", good, 2020, HAZARD).status()).isEqualTo("loaded");
        }
    }

    private ImportReport rejectedAndNothingChanged(Supplier<ImportReport> attempt, String... phrases) {
        Map<String, String> before = storedState();
        ImportReport r = attempt.get();
        assertThat(r.status()).as(r.toText()).isEqualTo("rejected");
        assertThat(String.join(" ", r.errors())).contains(phrases);
        assertThat(storedState()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT status FROM layers.import WHERE id = :id").param("id", r.importId()).query(String.class).single())
                .isEqualTo("rejected");
        assertThat(count("SELECT count(*) FROM staging.feature")).isZero();
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging' AND tablename LIKE 'imp%'")).isZero();
        return r;
    }

    @Test
    void aCorruptedFileIsRefused() throws IOException {
        String text = Files.readString(good);
        Path truncated = write("cortado.geojson", text.substring(0, text.length() / 2));
        rejectedAndNothingChanged(() -> run("hazard_zone", truncated, 2021, HAZARD), "GDAL no pudo leer el archivo como GeoJSON");
    }

    @Test
    void aNonGeographicFileIsRefused() throws IOException {
        Path png = dir.resolve("mapa.geojson");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        rejectedAndNothingChanged(() -> run("hazard_zone", png, 2021, HAZARD), "no es GeoJSON", "imagen PNG");
    }

    @Test
    void aFileWithoutCrsIsRefusedUnlessTheUserNamesOne() {
        Path csv = write("sin_crs.csv", "NOMBRE,AMENAZA,wkt\nA,Inundaciones,\"POLYGON ((-75.6 6.2,-75.59 6.2,-75.59 6.21,-75.6 6.2))\"\n");
        ImportReport r = rejectedAndNothingChanged(() -> run("hazard_zone", csv, 2021, HAZARD), "no declara su sistema de coordenadas", "--crs");
        assertThat(r.errors().get(0)).contains("EPSG:9377");
        ImportReport named = run("hazard_zone", csv, 2021, null, ImportMode.APPEND, true, "EPSG:4326", HAZARD, null);
        assertThat(named.status()).isEqualTo("dry_run");
        assertThat(named.source().crsOrigin()).isEqualTo("indicado por el usuario");
        rejectedAndNothingChanged(() -> run("hazard_zone", csv, 2021, null, ImportMode.APPEND, true, "EPSG:999999", HAZARD, null),
                "CRS no reconocido");
    }

    @Test
    void wrongAttributeNamesAreRefusedNamingTheFieldsTheFileHas() {
        String wrong = HAZARD.replace("field: AMENAZA", "field: amenaza").replace("name: NOMBRE", "name: nombre_zona");
        ImportReport r = rejectedAndNothingChanged(() -> run("hazard_zone", good, 2021, wrong),
                "campos que el archivo no tiene", "'amenaza'", "'nombre_zona'");
        assertThat(r.errors().get(0)).contains("¿'AMENAZA'?").contains("Campos del archivo: NOMBRE, AMENAZA");
    }

    @Test
    void aLayerWhoseGeometriesAreAllUnrepairableIsRefused() {
        Path ties = write("corbatines.geojson", featureCollection(
                bowTie(-75.60, 6.25, 0.01, "{\"NOMBRE\":\"a\",\"AMENAZA\":\"Inundaciones\"}"),
                bowTie(-75.58, 6.25, 0.01, "{\"NOMBRE\":\"b\",\"AMENAZA\":\"Inundaciones\"}")));
        ImportReport r = rejectedAndNothingChanged(() -> run("hazard_zone", ties, 2021, HAZARD), "Ningún objeto se puede cargar",
                "geometria_irreparable: 2");
        assertThat(r.features()).hasSize(2).allSatisfy(f -> assertThat(f.detail()).contains("Self-intersection"));
    }

    @Test
    void anEmptyFileIsRefused() {
        Path zero = write("cero.geojson", "");
        rejectedAndNothingChanged(() -> run("hazard_zone", zero, 2021, HAZARD), "está vacío");
        Path none = write("ninguno.geojson", featureCollection());
        rejectedAndNothingChanged(() -> run("hazard_zone", none, 2021, HAZARD), "no tiene ningún objeto");
    }

    @Test
    void aZipWithPathTraversalIsRefusedBeforeExtraction() throws IOException {
        Path zip = dir.resolve("trampa.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("riesgo.geojson"));
            z.write(Files.readAllBytes(good));
            z.putNextEntry(new ZipEntry("../../../tmp/expediente-pwned.txt"));
            z.write("x".getBytes());
        }
        rejectedAndNothingChanged(() -> run("hazard_zone", zip, 2021, HAZARD), "sale de su carpeta");
        assertThat(Path.of("/tmp/expediente-pwned.txt")).doesNotExist();
    }

    @Test
    void aDecompressionBombIsRefusedBeforeExtraction() throws IOException {
        Path zip = dir.resolve("bomba.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("riesgo.geojson"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 40; i++) {
                z.write(spaces);
            }
        }
        assertThat(Files.size(zip)).isLessThan(1_000_000);
        rejectedAndNothingChanged(() -> run("hazard_zone", zip, 2021, HAZARD), "bomba de descompresión");
    }

    @Test
    void anOversizedUploadIsRefusedWith413() {
        Map<String, String> before = storedState();
        long imports = count("SELECT count(*) FROM layers.import");
        HttpResponse<String> r = upload(TOKEN, Map.of("layer", "hazard_zone", "year", "2021"), "grande.geojson", new byte[1_500_000]);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("Archivo demasiado grande").contains("./expediente import");
        assertThat(storedState()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM layers.import")).isEqualTo(imports);
    }

    @Test
    void anImportThatFailsInTheMergeRollsBackWhole() {
        // A fault injected in the database: the 2nd inserted version makes the INSERT fail, after
        // the same transaction has already closed the open versions of the layer.
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION public.test_fail_merge() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'fallo simulado a mitad de la fusión'; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER test_fail_merge BEFORE INSERT ON layers.hazard_zone FOR EACH ROW
                WHEN (NEW.name = 'El Pinal') EXECUTE FUNCTION public.test_fail_merge()""").update();
        try {
            Map<String, String> before = storedState();
            ImportReport r = run("hazard_zone", good, 2023, HAZARD);
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.errors().get(0)).contains("fallo simulado").contains("No se escribió nada");
            assertThat(storedState()).isEqualTo(before);
            assertThat(count("SELECT count(*) FROM layers.hazard_zone WHERE valid_to = 2023")).isZero();
            assertThat(jdbc.sql("SELECT status FROM layers.import WHERE id = :id").param("id", r.importId()).query(String.class).single())
                    .isEqualTo("failed");
            assertThat(count("SELECT count(*) FROM staging.feature")).isZero();
        } finally {
            jdbc.sql("DROP TRIGGER test_fail_merge ON layers.hazard_zone").update();
            jdbc.sql("DROP FUNCTION public.test_fail_merge()").update();
        }
    }

    @Test
    void anImportLeftRunningByADeadProcessIsMarkedFailed() {
        long id = jdbc.sql("""
                INSERT INTO layers.import (layer, source_name, year_from, mode, status)
                VALUES ('hazard_zone', 'muerto.geojson', 2024, 'replace', 'running') RETURNING id""").query(Long.class).single();
        jdbc.sql("CREATE TABLE staging.imp_" + id + " (x int)").update();
        assertThat(imports.sweepInterrupted()).contains(id);
        assertThat(jdbc.sql("SELECT status || ' ' || (report->'errors'->>0) FROM layers.import WHERE id = :id").param("id", id)
                .query(String.class).single()).startsWith("failed La importación se interrumpió");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging' AND tablename = 'imp_" + id + "'")).isZero();
    }
}
