package co.expediente.territory.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs GDAL's command-line tools ({@code ogrinfo}, {@code ogr2ogr}) as processes with an argument
 * list, never a shell string, and with a time limit. Only the drivers of the formats Expediente
 * accepts (and PostgreSQL, the output) are left enabled: every other vector driver is switched off
 * with {@code GDAL_SKIP}, so a file that only pretends to be GeoJSON or KML (a VRT that reads
 * other files, say) is not opened by some other driver.
 */
final class Gdal {

    /** Short names of the drivers imports may use. */
    static final Set<String> ALLOWED_DRIVERS = Set.of("GeoJSON", "GPKG", "ESRI Shapefile", "OpenFileGDB", "KML",
            "LIBKML", "CSV", "PostgreSQL");
    private static final Pattern FORMAT_LINE = Pattern.compile("^\\s{2}(\\S+) -[a-z ,]*vector[a-z ,]*- \\(");

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** stderr without GDAL's noise (warnings about GDAL_SKIP), shortened for a report. */
        String errors() {
            String text = stderr.lines()
                    .filter(l -> !l.contains("GDAL_SKIP"))
                    .filter(l -> !l.isBlank())
                    .collect(Collectors.joining(" "));
            if (text.isBlank()) {
                text = stdout.lines().filter(l -> l.startsWith("FAILURE") || l.startsWith("ERROR"))
                        .collect(Collectors.joining(" "));
            }
            return text.length() > 600 ? text.substring(0, 600) + "…" : text;
        }
    }

    private final String ogrinfo;
    private final String ogr2ogr;
    private final Duration timeout;
    private volatile String skip;

    Gdal(String ogrinfo, String ogr2ogr, Duration timeout) {
        this.ogrinfo = ogrinfo;
        this.ogr2ogr = ogr2ogr;
        this.timeout = timeout;
    }

    Result ogrinfo(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ogrinfo);
        command.addAll(args);
        return run(command, Map.of());
    }

    /** Runs ogr2ogr; {@code env} carries secrets such as PGPASSWORD so that they stay off the command line. */
    Result ogr2ogr(List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(ogr2ogr);
        command.addAll(args);
        return run(command, env);
    }

    private Result run(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("GDAL_SKIP", skipList());
        pb.environment().put("CPL_DEBUG", "OFF");
        pb.environment().put("GDAL_HTTP_TIMEOUT", "1");
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("No se pudo ejecutar " + command.get(0)
                    + " (¿está instalado GDAL? Debian: apt-get install gdal-bin): " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, out.getNow(""), command.get(0) + " superó el tiempo límite de "
                        + timeout.toSeconds() + " s.");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Every vector driver of this GDAL except the allowed ones, computed once from {@code ogrinfo --formats}. */
    String skipList() {
        String s = skip;
        if (s == null) {
            ProcessBuilder pb = new ProcessBuilder(ogrinfo, "--formats").redirectErrorStream(true);
            try {
                Process p = pb.start();
                String text = read(p.getInputStream());
                p.waitFor(30, TimeUnit.SECONDS);
                s = skipList(text);
            } catch (IOException e) {
                throw new UncheckedIOException("No se pudo ejecutar " + ogrinfo
                        + " (¿está instalado GDAL? Debian: apt-get install gdal-bin): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            skip = s;
        }
        return s;
    }

    static String skipList(String formats) {
        List<String> names = new ArrayList<>();
        for (String line : formats.split("\n")) {
            Matcher m = FORMAT_LINE.matcher(line);
            if (m.find() && !ALLOWED_DRIVERS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return String.join(" ", names);
    }
}
