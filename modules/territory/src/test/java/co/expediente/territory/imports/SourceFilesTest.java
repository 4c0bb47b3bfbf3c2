package co.expediente.territory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format recognition and the zip checks: path traversal and decompression bombs are refused before extraction. */
class SourceFilesTest {

    private static final SourceFiles.ZipLimits LIMITS = new SourceFiles.ZipLimits(50_000_000, 100, 100);

    @TempDir
    Path dir;

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void aZipWithAPathOutsideItsFolderIsRefusedWithoutExtractingAnything() throws IOException {
        Path zip = zip("evil.zip", Map.of("ok.shp", shp(), "../../escaped.txt", "x".getBytes()));
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> SourceFiles.extract(zip, out, LIMITS))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("sale de su carpeta").hasMessageContaining("../../escaped.txt");
        assertThat(out).doesNotExist();
        assertThat(dir.getParent().resolve("escaped.txt")).doesNotExist();
        Path absolute = zip("abs.zip", Map.of("/etc/cron.d/x", "x".getBytes()));
        assertThatThrownBy(() -> SourceFiles.extract(absolute, dir.resolve("out2"), LIMITS))
                .hasMessageContaining("sale de su carpeta");
    }

    @Test
    void aDecompressionBombIsRefusedByItsRatioBeforeExtraction() throws IOException {
        Path zip = zip("bomb.zip", Map.of("zeros.csv", new byte[20_000_000]));
        assertThat(Files.size(zip)).isLessThan(100_000);
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> SourceFiles.extract(zip, out, LIMITS))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("bomba de descompresión").hasMessageContaining("veces");
        assertThat(out).doesNotExist();
        assertThat(((ImportRejectedException) catchThrowable(zip)).code()).isEqualTo("zip_inseguro");
    }

    @Test
    void aZipLargerThanTheLimitIsRefused() throws IOException {
        byte[] random = new byte[3_000_000];
        new java.util.Random(1).nextBytes(random);
        Path zip = zip("big.zip", Map.of("a.csv", random));
        assertThatThrownBy(() -> SourceFiles.extract(zip, dir.resolve("out"), new SourceFiles.ZipLimits(1_000_000, 100, 100)))
                .hasMessageContaining("ocuparía");
    }

    @Test
    void aZippedShapefileIsFoundInsideItsFolder() throws IOException {
        Path zip = zip("barrios.zip", Map.of("datos/barrios.shp", shp(), "datos/barrios.dbf", new byte[10],
                "datos/barrios.shx", new byte[10], "__MACOSX/datos/._barrios.shp", new byte[3]));
        SourceFiles.Dataset d = SourceFiles.prepare(zip, "barrios.zip", dir.resolve("work"), LIMITS, null, true);
        assertThat(d.format()).isEqualTo("ESRI Shapefile");
        assertThat(d.path().getFileName().toString()).isEqualTo("barrios.shp");
        Path two = zip("two.zip", Map.of("a.geojson", "{}".getBytes(), "b.geojson", "{}".getBytes()));
        assertThatThrownBy(() -> SourceFiles.prepare(two, "two.zip", dir.resolve("w2"), LIMITS, null, true))
                .hasMessageContaining("varios conjuntos de datos").hasMessageContaining("a.geojson, b.geojson");
        assertThat(SourceFiles.prepare(two, "two.zip", dir.resolve("w3"), LIMITS, "b", true).path().getFileName().toString())
                .isEqualTo("b.geojson");
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsRefused() throws IOException {
        Path png = dir.resolve("capa.geojson");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        assertThatThrownBy(() -> SourceFiles.prepare(png, "capa.geojson", dir, LIMITS, null, true))
                .isInstanceOf(ImportRejectedException.class).hasMessageContaining("imagen PNG");
        Path vrt = dir.resolve("capa.kml");
        Files.writeString(vrt, "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource><kml/>");
        assertThatThrownBy(() -> SourceFiles.prepare(vrt, "capa.kml", dir, LIMITS, null, true)).hasMessageContaining("VRT");
        Path empty = dir.resolve("vacio.geojson");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SourceFiles.prepare(empty, "vacio.geojson", dir, LIMITS, null, true))
                .hasMessageContaining("vacío");
        Path xlsx = dir.resolve("tabla.xlsx");
        Files.writeString(xlsx, "x");
        assertThatThrownBy(() -> SourceFiles.prepare(xlsx, "tabla.xlsx", dir, LIMITS, null, true))
                .hasMessageContaining("Formato no soportado");
    }

    @Test
    void aCsvGetsGeometryOptionsOnlyWhenTheTargetIsSpatial() throws IOException {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "codigo,2018\n01,5\n", StandardCharsets.UTF_8);
        assertThat(SourceFiles.prepare(csv, "p.csv", dir, LIMITS, null, true).openOptions()).isNotEmpty();
        assertThat(SourceFiles.prepare(csv, "p.csv", dir, LIMITS, null, false).openOptions()).isEmpty();
    }

    private Throwable catchThrowable(Path zip) {
        try {
            SourceFiles.extract(zip, dir.resolve("again"), LIMITS);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static byte[] shp() {
        byte[] b = new byte[100];
        b[2] = 0x27;
        b[3] = 0x0a;
        return b;
    }
}
