package co.expediente.territory.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ogrinfo -ro -so -al} says about a source: the driver that opened it and, per layer,
 * its feature count, fields and CRS. GDAL 3.6 has no JSON output for vector datasets, so this
 * parses the text report (a unit test pins the format).
 */
record SourceInfo(String driver, List<LayerInfo> layers) {

    private static final Pattern DRIVER = Pattern.compile("using driver `([^']+)' successful");
    private static final Pattern FIELD = Pattern.compile(
            "^(.+): (String|Integer|Integer64|Real|Date|Time|DateTime|Binary|StringList|IntegerList|Integer64List|RealList)"
                    + "(\\([A-Za-z0-9]+\\))? \\(\\d+\\.\\d+\\).*$");
    private static final Pattern EPSG_WKT2 = Pattern.compile("ID\\[\"EPSG\",\\s*(\\d+)\\]\\]\\s*$");
    private static final Pattern EPSG_WKT1 = Pattern.compile("AUTHORITY\\[\"EPSG\",\\s*\"(\\d+)\"\\]\\]\\s*$");
    private static final Pattern NAME = Pattern.compile("^[A-Z0-9_]+\\[\"([^\"]+)\"");

    /**
     * @param crs the layer's CRS, or null when the source declares none
     */
    record LayerInfo(String name, String geometryType, long featureCount, List<String> fields, Crs crs) {}

    /**
     * A coordinate reference system as PROJ (and so PostGIS's {@code ST_Transform(geom, text, int)})
     * understands it.
     *
     * @param proj  what ST_Transform receives: {@code EPSG:n} or the WKT itself
     * @param label short name for reports: {@code EPSG:4326}, or the CRS's name
     */
    record Crs(String proj, String label) {

        /** A CRS named by a user: {@code EPSG:3116}, {@code 3116}, or any PROJ string / WKT. */
        static Crs named(String text) {
            String t = text.trim();
            if (t.matches("\\d{3,6}")) {
                t = "EPSG:" + t;
            }
            if (t.toUpperCase().startsWith("EPSG:")) {
                t = "EPSG:" + t.substring(5).trim();
                return new Crs(t, t);
            }
            return new Crs(t, t.length() > 60 ? t.substring(0, 60) + "…" : t);
        }

        /** The CRS of a WKT from ogrinfo, or null for "(unknown)". */
        static Crs fromWkt(String wkt) {
            String w = wkt == null ? "" : wkt.trim();
            if (w.isEmpty() || w.equals("(unknown)")) {
                return null;
            }
            Matcher m = EPSG_WKT2.matcher(w);
            if (m.find()) {
                return new Crs("EPSG:" + m.group(1), "EPSG:" + m.group(1));
            }
            m = EPSG_WKT1.matcher(w);
            if (m.find()) {
                return new Crs("EPSG:" + m.group(1), "EPSG:" + m.group(1));
            }
            Matcher name = NAME.matcher(w);
            return new Crs(w, name.find() ? name.group(1) : "WKT");
        }
    }

    Optional<LayerInfo> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    static SourceInfo parse(String ogrinfoOutput) {
        String driver = null;
        Matcher d = DRIVER.matcher(ogrinfoOutput);
        if (d.find()) {
            driver = d.group(1);
        }
        List<LayerInfo> layers = new ArrayList<>();
        String name = null;
        String geometry = null;
        long count = -1;
        List<String> fields = new ArrayList<>();
        StringBuilder wkt = null;
        boolean inWkt = false;
        for (String line : ogrinfoOutput.split("\r?\n")) {
            if (line.startsWith("Layer name: ")) {
                if (name != null) {
                    layers.add(new LayerInfo(name, geometry, count, List.copyOf(fields), Crs.fromWkt(str(wkt))));
                }
                name = line.substring("Layer name: ".length()).trim();
                geometry = null;
                count = -1;
                fields = new ArrayList<>();
                wkt = null;
                inWkt = false;
            } else if (name == null) {
                continue;
            } else if (inWkt) {
                if (line.startsWith("Data axis to CRS axis mapping") || line.startsWith("FID Column")
                        || line.startsWith("Geometry Column") || (!line.startsWith(" ") && FIELD.matcher(line).matches()
                        && !line.startsWith("(unknown)"))) {
                    inWkt = false;
                } else {
                    wkt.append(line).append('\n');
                    continue;
                }
            }
            if (line.startsWith("Geometry: ")) {
                geometry = line.substring("Geometry: ".length()).trim();
            } else if (line.startsWith("Feature Count: ")) {
                count = Long.parseLong(line.substring("Feature Count: ".length()).trim());
            } else if (line.startsWith("Layer SRS WKT:")) {
                wkt = new StringBuilder();
                inWkt = true;
            } else if (!line.startsWith(" ") && !line.startsWith("FID Column") && !line.startsWith("Geometry Column")) {
                Matcher f = FIELD.matcher(line);
                if (f.matches()) {
                    fields.add(f.group(1));
                }
            }
        }
        if (name != null) {
            layers.add(new LayerInfo(name, geometry, count, List.copyOf(fields), Crs.fromWkt(str(wkt))));
        }
        return new SourceInfo(driver, List.copyOf(layers));
    }

    private static String str(StringBuilder b) {
        return b == null ? null : b.toString();
    }
}
