package co.expediente.ogc.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of an items request, parsed and checked: an unknown parameter or a malformed value
 * is a 400, as OGC API Features requires (a silently ignored filter returns wrong data).
 */
record FeaturesQuery(int limit, int offset, Crs crs, double[] bbox, Crs bboxCrs, Integer yearFrom, Integer yearTo,
                     Map<String, String> properties, String format) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> STANDARD = Set.of("limit", "offset", "crs", "bbox", "bbox-crs", "datetime", "f");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})(-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?)?");

    static FeaturesQuery parse(Map<String, String> params, Set<String> queryables) {
        for (String name : params.keySet()) {
            if (!STANDARD.contains(name) && !queryables.contains(name)) {
                throw new InvalidParameterException(name, "parámetro desconocido; admitidos: " + STANDARD
                        + " y las propiedades consultables " + queryables);
            }
        }
        int limit = integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = integer(params, "offset", 0, 0, Integer.MAX_VALUE);
        Crs crs = crs(params, "crs");
        Crs bboxCrs = crs(params, "bbox-crs");
        double[] bbox = bbox(params.get("bbox"));
        Integer from = null;
        Integer to = null;
        String datetime = params.get("datetime");
        if (datetime != null) {
            String[] parts = datetime.split("/", -1);
            if (parts.length > 2) {
                throw new InvalidParameterException("datetime", "use un instante o un intervalo inicio/fin");
            }
            from = year(parts[0], "datetime");
            to = parts.length == 2 ? year(parts[1], "datetime") : from;
            if (from != null && to != null && from > to) {
                throw new InvalidParameterException("datetime", "el inicio es posterior al fin");
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String q : queryables) {
            if (params.containsKey(q)) {
                properties.put(q, params.get(q));
            }
        }
        String format = params.getOrDefault("f", null);
        if (format != null && !format.equals("json") && !format.equals("html")) {
            throw new InvalidParameterException("f", "formatos: json, html");
        }
        return new FeaturesQuery(limit, offset, crs, bbox, bboxCrs, from, to, properties, format);
    }

    private static int integer(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new InvalidParameterException(name, "debe estar entre " + min + " y " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "no es un número entero: '" + text + "'");
        }
    }

    private static Crs crs(Map<String, String> params, String name) {
        String uri = params.get(name);
        if (uri == null) {
            return Crs.CRS84;
        }
        return Crs.parse(uri).orElseThrow(() -> new InvalidParameterException(name, "SRC no ofrecido; use uno de " + Crs.uris()));
    }

    private static double[] bbox(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new InvalidParameterException("bbox", "se esperan cuatro números: minx,miny,maxx,maxy");
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                b[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("bbox", "'" + parts[i] + "' no es un número");
            }
            if (!Double.isFinite(b[i])) {
                throw new InvalidParameterException("bbox", "valores no finitos");
            }
        }
        if (b[0] > b[2] || b[1] > b[3]) {
            throw new InvalidParameterException("bbox", "el mínimo supera al máximo");
        }
        return b;
    }

    private static Integer year(String text, String name) {
        if (text.isEmpty() || text.equals("..")) {
            return null;
        }
        Matcher m = YEAR.matcher(text);
        if (!m.matches()) {
            throw new InvalidParameterException(name, "'" + text + "' no es una fecha ISO 8601 (p. ej. 2024 o 2024-06-30)");
        }
        return Integer.parseInt(m.group(1));
    }
}
