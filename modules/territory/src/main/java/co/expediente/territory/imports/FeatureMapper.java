package co.expediente.territory.imports;

import co.expediente.territory.Level;
import co.expediente.territory.imports.TargetLayer.Column;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link Mapping} to the attributes of one source feature: the target columns' values,
 * or the reason the feature is rejected (a required value missing, a value outside its domain,
 * a number that is not one). Pure logic, no database.
 */
final class FeatureMapper {

    private static final Pattern YEAR_COLUMN = Pattern.compile("\\d{4}");
    private static final Map<String, Boolean> BOOLEANS = Map.ofEntries(
            Map.entry("true", true), Map.entry("false", false), Map.entry("si", true), Map.entry("sí", true),
            Map.entry("s", true), Map.entry("no", false), Map.entry("n", false), Map.entry("1", true),
            Map.entry("0", false), Map.entry("yes", true), Map.entry("y", true), Map.entry("t", true), Map.entry("f", false));

    private final Mapping mapping;
    private final int yearFrom;
    private final Integer yearTo;

    /**
     * @param yearFrom the import's first year (layers: features may not start later)
     * @param yearTo   series only: last year + 1 to take from the file, or null for all
     */
    FeatureMapper(Mapping mapping, int yearFrom, Integer yearTo) {
        this.mapping = mapping;
        this.yearFrom = yearFrom;
        this.yearTo = yearTo;
    }

    /** The outcome for one feature: target values, or a rejection. */
    record Result(Map<String, Object> values, String reason, String detail) {
        static Result ok(Map<String, Object> values) {
            return new Result(values, null, null);
        }

        static Result rejected(String reason, String detail) {
            return new Result(null, reason, detail);
        }

        boolean isRejected() {
            return reason != null;
        }
    }

    Result map(long fid, JsonNode attrs) {
        try {
            return switch (mapping.layer().kind()) {
                case LAYER -> mapLayer(fid, attrs);
                case UNIT -> mapUnit(attrs);
                case SERIES -> mapSeries(attrs);
            };
        } catch (Rejection r) {
            return Result.rejected(r.reason, r.getMessage());
        }
    }

    private Result mapLayer(long fid, JsonNode attrs) {
        Map<String, Object> out = columns(attrs);
        out.putIfAbsent("source_id", String.valueOf(fid));
        Object from = out.get("valid_from");
        if (from != null && ((Number) from).intValue() > yearFrom) {
            throw new Rejection("posterior_al_año", "valid_from " + from + " es posterior al año de la importación ("
                    + yearFrom + "): el objeto no existía ese año.");
        }
        return Result.ok(out);
    }

    private Result mapUnit(JsonNode attrs) {
        Map<String, Object> out = columns(attrs);
        Level level = mapping.level();
        String kind = (String) out.get("kind");
        List<String> kinds = switch (level) {
            case MUNICIPIO -> List.of("municipio");
            case COMUNA -> List.of("comuna", "corregimiento");
            case BARRIO -> List.of("barrio", "vereda");
        };
        if (!kinds.contains(kind)) {
            throw new Rejection("valor_fuera_de_dominio", "kind '" + kind + "' no corresponde al nivel " + level.code()
                    + " (válidos: " + String.join(", ", kinds) + ").");
        }
        if (level != Level.MUNICIPIO && out.get("parent") == null) {
            throw new Rejection("atributo_requerido", "Falta 'parent': una unidad de nivel " + level.code()
                    + " necesita el código de su unidad superior.");
        }
        if (level == Level.MUNICIPIO) {
            out.remove("parent");
        }
        return Result.ok(out);
    }

    private Result mapSeries(JsonNode attrs) {
        Map<String, Object> out = columns(attrs);
        Map<String, Object> values = new TreeMap<>();
        if (mapping.wide()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey().trim();
                if (YEAR_COLUMN.matcher(name).matches() && inRange(Integer.parseInt(name))) {
                    values.put(name, seriesValue(name, e.getValue()));
                }
            }
        } else {
            if (out.get("year") == null) {
                throw new Rejection("atributo_requerido", "Falta el año de la cifra.");
            }
            int year = ((Number) out.get("year")).intValue();
            if (inRange(year)) {
                if (out.get("value") == null) {
                    throw new Rejection("atributo_requerido", "Falta el valor del año " + year + ".");
                }
                values.put(String.valueOf(year), ((Number) out.get("value")).longValue());
            }
        }
        values.values().removeIf(Objects::isNull);
        if (values.isEmpty()) {
            throw new Rejection("sin_valores", "La fila no tiene valores para los años pedidos.");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("unit", out.get("unit"));
        result.put("values", values);
        return Result.ok(result);
    }

    private boolean inRange(int year) {
        if (yearTo == null) {
            return year >= yearFrom;
        }
        return year >= yearFrom && year < yearTo;
    }

    private Object seriesValue(String year, JsonNode node) {
        String text = node == null || node.isNull() ? null : node.asText().trim();
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            long v = new BigDecimal(text).longValueExact();
            if (v < 0) {
                throw new Rejection("valor_fuera_de_dominio", "Año " + year + ": valor negativo " + text + ".");
            }
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Rejection("valor_invalido", "Año " + year + ": '" + text + "' no es un número entero.");
        }
    }

    private Map<String, Object> columns(JsonNode attrs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Column column : mapping.layer().columns()) {
            Mapping.Rule rule = mapping.columns().get(column.name());
            Object value = rule == null ? null : apply(column, rule, attrs);
            if (value == null && column.isRequired()) {
                String why = rule == null ? "el mapeo no la llena"
                        : rule.field() != null ? "el campo '" + rule.field() + "' está vacío" : "la constante es nula";
                throw new Rejection("atributo_requerido", "Falta '" + column.name() + "', obligatorio: " + why + ".");
            }
            if (value == null && column.type() == TargetLayer.Type.BOOLEAN) {
                value = false; // an unmapped or empty flag is "no", as the columns' DEFAULT false says
            }
            if (value != null) {
                out.put(column.name(), value);
            }
        }
        return out;
    }

    /** The value of one column for one feature, converted to the column's type and checked. */
    static Object apply(Column column, Mapping.Rule rule, JsonNode attrs) {
        Object raw;
        if (rule.field() != null) {
            JsonNode node = attrs.get(rule.field());
            raw = node == null || node.isNull() ? null : node.isNumber() || node.isBoolean() ? scalar(node) : node.asText();
        } else {
            raw = rule.constant();
        }
        if (raw instanceof String s) {
            if (rule.trim()) {
                s = s.trim();
            }
            if (s.isEmpty() || rule.nullValues().contains(s)) {
                s = null;
            } else if (rule.extract() != null) {
                Matcher m = rule.extract().matcher(s);
                s = m.find() ? m.group(1) : null;
            }
            raw = s;
        }
        if (raw == null) {
            raw = rule.defaultValue();
        } else if (!rule.values().isEmpty()) {
            String key = text(raw);
            Object mapped = lookup(rule.values(), key);
            if (mapped != null || rule.values().containsKey(key)) {
                raw = mapped;
            } else if (rule.other() != null) {
                raw = rule.other();
            } else if (!rule.keepUnmapped()) {
                throw new Rejection("valor_no_mapeado", "'" + column.name() + "': el valor '" + key + "' del campo '"
                        + rule.field() + "' no está en la tabla de valores del mapeo ("
                        + String.join(", ", rule.values().keySet()) + ").");
            }
        }
        return raw == null ? null : convert(column, raw, rule.decimalComma());
    }

    private static Object lookup(Map<String, Object> values, String key) {
        if (values.containsKey(key)) {
            return values.get(key);
        }
        String folded = fold(key);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (fold(e.getKey()).equals(folded)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Case and accent folding, so 'Vía arteria' matches 'VIA ARTERIA'. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).trim();
    }

    static Object convert(Column column, Object raw, boolean decimalComma) {
        String text = text(raw);
        switch (column.type()) {
            case TEXT -> {
                if (!column.allowed().isEmpty() && !column.allowed().contains(text)) {
                    throw new Rejection("valor_fuera_de_dominio", "'" + column.name() + "' = '" + text
                            + "' no es un valor permitido (" + String.join(", ", column.allowed()) + ").");
                }
                return text;
            }
            case INTEGER -> {
                long v;
                try {
                    v = new BigDecimal(decimalComma ? text.replace(',', '.') : text).longValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new Rejection("valor_invalido", "'" + column.name() + "' = '" + text + "' no es un número entero.");
                }
                checkRange(column, v, text);
                return v;
            }
            case NUMBER -> {
                double v;
                try {
                    v = Double.parseDouble(decimalComma ? text.replace(".", "").replace(',', '.') : text);
                } catch (NumberFormatException e) {
                    throw new Rejection("valor_invalido", "'" + column.name() + "' = '" + text + "' no es un número"
                            + (decimalComma ? "." : " (¿coma decimal? use decimal_comma: true)."));
                }
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new Rejection("valor_invalido", "'" + column.name() + "' = '" + text + "' no es un número finito.");
                }
                checkRange(column, v, text);
                return v;
            }
            case BOOLEAN -> {
                Boolean b = raw instanceof Boolean bool ? bool : BOOLEANS.get(fold(text));
                if (b == null) {
                    throw new Rejection("valor_invalido", "'" + column.name() + "' = '" + text
                            + "' no es un valor lógico (sí/no, true/false, 1/0).");
                }
                return b;
            }
            default -> throw new IllegalStateException(column.type().toString());
        }
    }

    private static void checkRange(Column column, double v, String text) {
        if (v < column.min() || v > column.max()) {
            throw new Rejection("valor_fuera_de_dominio", "'" + column.name() + "' = " + text + " está fuera del rango permitido"
                    + (column.min() > Double.NEGATIVE_INFINITY ? " (mínimo " + fmt(column.min()) + ")" : "")
                    + (column.max() < Double.MAX_VALUE && column.max() < Integer.MAX_VALUE ? " (máximo " + fmt(column.max()) + ")" : "") + ".");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String text(Object raw) {
        if (raw instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(raw);
    }

    private static Object scalar(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        return node.asDouble();
    }

    /** A feature the mapping cannot place, with a reason code and an explanation. */
    static final class Rejection extends RuntimeException {
        final String reason;

        Rejection(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
