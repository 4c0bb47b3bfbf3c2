package co.expediente.territory.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Recognises a source file's format by its name and its first bytes, and unpacks zip files
 * safely: no entry may leave the extraction folder (path traversal: {@code ../}, absolute paths),
 * and before anything is extracted the declared sizes are checked against a total limit and a
 * compression-ratio limit (decompression bombs); while extracting, the bytes actually written are
 * counted against the same limits, since a zip's headers can lie.
 */
final class SourceFiles {

    /** Limits for zip files. */
    record ZipLimits(long maxUncompressedBytes, long maxRatio, int maxEntries) {}

    /** A dataset ready for GDAL: its path, the format recognised, and the open options to pass. */
    record Dataset(Path path, String format, List<String> openOptions) {}

    static final Map<String, String> FORMATS = Map.of(
            "geojson", "GeoJSON", "json", "GeoJSON", "gpkg", "GPKG", "shp", "ESRI Shapefile",
            "kml", "KML", "csv", "CSV", "gdb", "OpenFileGDB");

    /** CSV open options: geometry from a WKT column or from X/Y columns with the usual names. */
    static final List<String> CSV_GEOMETRY_OPTIONS = List.of(
            "GEOM_POSSIBLE_NAMES=wkt,WKT,geom,GEOM,geometry,GEOMETRY,the_geom,geometria",
            "X_POSSIBLE_NAMES=x,X,lon,LON,longitude,longitud,LONGITUD,este,ESTE,coord_x,COORD_X",
            "Y_POSSIBLE_NAMES=y,Y,lat,LAT,latitude,latitud,LATITUD,norte,NORTE,coord_y,COORD_Y",
            "KEEP_GEOM_COLUMNS=NO");

    private SourceFiles() {}

    static String extension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    /**
     * The dataset to give GDAL for a source: the file itself, or the one dataset inside a zip
     * (extracted into {@code workDir}).
     *
     * @param wantedName for a zip holding several datasets, the base name of the one to use
     * @param spatial    false for tables without geometry (population CSV): no geometry options
     */
    static Dataset prepare(Path source, String originalName, Path workDir, ZipLimits limits, String wantedName,
                           boolean spatial) {
        if (!Files.exists(source)) {
            throw new ImportRejectedException("archivo_inexistente", "No existe el archivo " + source + ".");
        }
        String ext = extension(originalName);
        if (ext.equals("zip")) {
            Path dir = workDir.resolve("unzipped");
            extract(source, dir, limits);
            return recognise(findDataset(dir, wantedName), spatial);
        }
        if (!FORMATS.containsKey(ext)) {
            throw new ImportRejectedException("formato_no_soportado", "Formato no soportado: '" + originalName
                    + "'. Se aceptan GeoJSON (.geojson, .json), GeoPackage (.gpkg), Shapefile comprimido (.zip), "
                    + "FileGDB (.gdb en .zip), KML (.kml) y CSV con WKT o coordenadas X/Y (.csv).");
        }
        return recognise(source, spatial);
    }

    private static Dataset recognise(Path path, boolean spatial) {
        String ext = extension(path.getFileName().toString());
        String format = FORMATS.get(ext);
        if (format == null) {
            throw new ImportRejectedException("formato_no_soportado", "Formato no soportado: " + path.getFileName());
        }
        if (Files.isDirectory(path) != ext.equals("gdb")) {
            throw new ImportRejectedException("formato_no_soportado", path.getFileName()
                    + (ext.equals("gdb") ? " debería ser una carpeta FileGDB." : " es una carpeta, no un archivo."));
        }
        if (!Files.isDirectory(path)) {
            sniff(path, format);
        }
        List<String> oo = format.equals("CSV") && spatial ? CSV_GEOMETRY_OPTIONS : List.of();
        return new Dataset(path, format, oo);
    }

    /** Refuses a file whose first bytes cannot belong to its declared format (a PNG renamed .geojson, say). */
    static void sniff(Path file, String format) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImportRejectedException("archivo_ilegible", "No se pudo leer " + file.getFileName() + ": " + e.getMessage());
        }
        if (size == 0) {
            throw new ImportRejectedException("archivo_vacio", "El archivo " + file.getFileName() + " está vacío (0 bytes).");
        }
        String what = describe(head);
        boolean ok = switch (format) {
            case "GeoJSON" -> firstChar(head) == '{' || firstChar(head) == '[';
            case "GPKG" -> startsWith(head, "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
            case "ESRI Shapefile" -> head.length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x27 && head[3] == 0x0a;
            case "KML" -> text(head) && new String(head, StandardCharsets.UTF_8).contains("<kml");
            case "CSV" -> text(head);
            default -> true;
        };
        String lower = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (lower.contains("<ogrvrtdatasource") || lower.contains("<vrtdataset")) {
            ok = false;
            what = "un archivo VRT de GDAL";
        }
        if (!ok) {
            throw new ImportRejectedException("no_geografico", "El archivo " + file.getFileName() + " no es "
                    + format + (what != null ? ": parece " + what : "") + ".");
        }
    }

    private static String describe(byte[] head) {
        if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return "una imagen PNG";
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "una imagen JPEG";
        }
        if (startsWith(head, "%PDF".getBytes(StandardCharsets.US_ASCII))) {
            return "un documento PDF";
        }
        if (startsWith(head, "PK".getBytes(StandardCharsets.US_ASCII))) {
            return "un archivo comprimido (zip, xlsx, docx…)";
        }
        if (!text(head)) {
            return "un archivo binario";
        }
        return null;
    }

    private static int firstChar(byte[] head) {
        int i = 0;
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            i = 3;
        }
        for (; i < head.length; i++) {
            if (!Character.isWhitespace(head[i])) {
                return head[i];
            }
        }
        return -1;
    }

    private static boolean text(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Extracts a zip into {@code dir} after checking it; see the class comment. */
    static void extract(Path zip, Path dir, ZipLimits limits) {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = Collections.list((Enumeration<? extends ZipEntry>) zf.entries());
            if (entries.size() > limits.maxEntries()) {
                throw new ImportRejectedException("zip_inseguro", "El zip tiene " + entries.size()
                        + " entradas; el máximo es " + limits.maxEntries() + ".");
            }
            Path root = dir.toAbsolutePath().normalize();
            long declared = 0;
            long compressed = 0;
            for (ZipEntry e : entries) {
                Path target = root.resolve(e.getName()).normalize();
                if (e.getName().contains("..") || e.getName().startsWith("/") || e.getName().contains("\\")
                        || e.getName().matches("^[A-Za-z]:.*") || !target.startsWith(root)) {
                    throw new ImportRejectedException("zip_inseguro", "El zip contiene una ruta que sale de su carpeta ('"
                            + e.getName() + "'): se rechaza sin extraer nada.");
                }
                if (e.getSize() > 0) {
                    declared += e.getSize();
                }
                if (e.getCompressedSize() > 0) {
                    compressed += e.getCompressedSize();
                }
                if (e.getSize() > 1_000_000 && e.getCompressedSize() > 0
                        && e.getSize() / e.getCompressedSize() > limits.maxRatio()) {
                    throw bomb("la entrada '" + e.getName() + "' se expande " + (e.getSize() / e.getCompressedSize())
                            + " veces (máximo " + limits.maxRatio() + ")");
                }
            }
            if (declared > limits.maxUncompressedBytes()) {
                throw bomb("descomprimido ocuparía " + mib(declared) + " (máximo " + mib(limits.maxUncompressedBytes()) + ")");
            }
            if (declared > 10_000_000 && compressed > 0 && declared / compressed > limits.maxRatio()) {
                throw bomb("se expande " + (declared / compressed) + " veces (máximo " + limits.maxRatio() + ")");
            }
            Files.createDirectories(root);
            long written = 0;
            for (ZipEntry e : entries) {
                Path target = root.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[65536];
                    long entryBytes = 0;
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        entryBytes += n;
                        if (written > limits.maxUncompressedBytes()
                                || (e.getSize() >= 0 && entryBytes > e.getSize())) {
                            throw bomb("la entrada '" + e.getName() + "' se expande más de lo que declara");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new ImportRejectedException("archivo_corrupto", "El zip está dañado o no es un zip: " + e.getMessage());
        } catch (IOException e) {
            throw new ImportRejectedException("archivo_ilegible", "No se pudo extraer el zip: " + e.getMessage());
        }
    }

    private static ImportRejectedException bomb(String why) {
        return new ImportRejectedException("zip_inseguro", "El zip parece una bomba de descompresión: " + why
                + ". Se rechaza sin extraerlo.");
    }

    private static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }

    /** The single dataset in an extracted zip (or the one named {@code wanted}). */
    static Path findDataset(Path dir, String wanted) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.toString().contains("__MACOSX"))
                    .filter(p -> FORMATS.containsKey(extension(p.getFileName().toString())))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) == extension(p.getFileName().toString()).equals("gdb"))
                    .filter(p -> found.stream().noneMatch(p::startsWith))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new ImportRejectedException("archivo_ilegible", "No se pudo leer el zip extraído: " + e.getMessage());
        }
        if (wanted != null && found.size() > 1) {
            List<Path> named = found.stream().filter(p -> baseName(p).equals(wanted)).toList();
            if (named.size() == 1) {
                return named.get(0);
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new ImportRejectedException("zip_sin_datos", "El zip no contiene ningún conjunto de datos reconocible "
                    + "(.shp, .gdb, .gpkg, .geojson, .kml, .csv).");
        }
        throw new ImportRejectedException("zip_varios_datos", "El zip contiene varios conjuntos de datos ("
                + String.join(", ", found.stream().map(p -> dir.relativize(p).toString()).sorted().toList())
                + "): indique cuál con --source-layer.");
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
