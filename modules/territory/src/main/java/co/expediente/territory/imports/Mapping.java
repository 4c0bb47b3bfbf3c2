package co.expediente.territory.imports;

import co.expediente.territory.Level;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a source file maps to a target: per target column, a source field, a constant, or a value
 * mapping. Written in YAML (see docs/layers.md and the Medellín examples under
 * {@code mappings/medellin/}):
 *
 * <pre>
 * layer: hazard_zone
 * year: 2014                      # default year when the command names none
 * columns:
 *   name: nombre                  # shorthand for {field: nombre}
 *   hazard:
 *     field: amenaza
 *     values: {Movimientos en masa: movimiento_en_masa, Inundaciones: inundacion}
 *   level: {constant: alta}
 * </pre>
 *
 * @param layer       the target
 * @param sourceLayer the layer of a multi-layer source (GeoPackage, FileGDB); null for the only one
 * @param year        default first year; null when the command must say it
 * @param level       units only: the level of the imported units
 * @param dissolve    units only: features sharing a code become one unit (their union): the municipio from its
 *                    comunas (a constant code), or a vereda published in two pieces; without it a repeated
 *                    code is rejected
 * @param wide        series only: true when year columns ({@code 2018, 2019, …}) hold the values
 * @param measure     households only: which column the values fill
 * @param replaceScope layers only: a replace import closes only the versions with this column value
 * @param columns     target column → rule
 * @param description free text
 */
public record Mapping(TargetLayer layer, String sourceLayer, Integer year, Level level, boolean dissolve,
                      boolean wide, String measure, Scope replaceScope, Map<String, Rule> columns, String description) {

    /**
     * Limits what a replace import replaces to the versions whose {@code column} equals {@code value}
     * (e.g. school sites that replace only the education facilities of the facility layer).
     */
    public record Scope(String column, String value) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_KEYS = Set.of("layer", "source_layer", "year", "level", "dissolve", "format",
            "measure", "replace_scope", "columns", "description", "notes");
    private static final Set<String> RULE_KEYS = Set.of("field", "constant", "values", "other", "default",
            "null_values", "decimal_comma", "trim", "extract", "keep_unmapped");
    static final List<String> MEASURES = List.of("households", "occupied_dwellings", "dwellings");

    /**
     * One column's rule. Exactly one of {@code field} and {@code constant}.
     *
     * @param field        source field name, exactly as in the file
     * @param constant     a fixed value for every feature
     * @param values       value mapping: source value (trimmed) → target value
     * @param other        target value for a source value absent from {@code values}; without it such a feature is rejected
     * @param defaultValue value when the source value is null, empty or one of {@code nullValues}
     * @param nullValues   source values that mean "no value" (e.g. {@code N/A}); the empty string always does
     * @param decimalComma numbers written with a decimal comma ("2,5")
     * @param trim         trim spaces of text values (default true)
     * @param extract      a regular expression with one group: the value is that group (e.g. a year from a date)
     * @param keepUnmapped a source value absent from {@code values} passes unchanged (a crosswalk of a few codes)
     */
    public record Rule(String field, Object constant, Map<String, Object> values, Object other, Object defaultValue,
                       List<String> nullValues, boolean decimalComma, boolean trim, Pattern extract, boolean keepUnmapped) {

        static Rule field(String name) {
            return new Rule(name, null, Map.of(), null, null, List.of(), false, true, null, false);
        }
    }

    /** The mapping used when none is given: every target column from the source field of the same name, if any. */
    public static Mapping identity(TargetLayer layer, List<String> sourceFields) {
        Map<String, Rule> columns = new LinkedHashMap<>();
        for (String c : layer.columnNames()) {
            if (sourceFields.contains(c)) {
                columns.put(c, Rule.field(c));
            }
        }
        return new Mapping(layer, null, null, null, false, true, "households", null, columns, "identity");
    }

    /** The source fields the mapping reads. */
    public List<String> fields() {
        return columns.values().stream().map(Rule::field).filter(f -> f != null).distinct().toList();
    }

    /** Parses and checks a mapping; every problem is listed in the exception. */
    public static Mapping parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new MappingException(List.of("YAML inválido: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (línea " + e.getLocation().getLineNr() + ")" : "")));
        }
        if (root == null || !root.isObject()) {
            throw new MappingException(List.of("El mapeo debe ser un objeto YAML con 'layer' y 'columns'."));
        }
        List<String> errors = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_KEYS.contains(k)) {
                errors.add("Clave desconocida '" + k + "' (válidas: " + String.join(", ", sorted(TOP_KEYS)) + ").");
            }
        });
        String layerCode = text(root, "layer");
        TargetLayer layer = layerCode == null ? null : TargetLayer.parse(layerCode).orElse(null);
        if (layer == null) {
            errors.add("'layer' debe ser una de: " + String.join(", ", sorted(TargetLayer.codes()))
                    + (layerCode == null ? "" : " (dice '" + layerCode + "')") + ".");
            throw new MappingException(errors);
        }
        Integer year = null;
        if (root.has("year")) {
            if (root.get("year").canConvertToInt()) {
                year = root.get("year").asInt();
            } else {
                errors.add("'year' debe ser un año, p. ej. 2024.");
            }
        }
        Level level = null;
        boolean dissolve = root.path("dissolve").asBoolean(false);
        if (layer == TargetLayer.UNIT) {
            level = Level.parse(text(root, "level")).orElse(null);
            if (level == null) {
                errors.add("Una importación de unidades necesita 'level': municipio, comuna o barrio.");
            }
        } else if (root.has("level") || root.has("dissolve")) {
            errors.add("'level' y 'dissolve' solo aplican a layer: unit.");
        }
        boolean wide = true;
        String measure = "households";
        if (layer.kind() == TargetLayer.Kind.SERIES) {
            String format = root.path("format").asText("wide");
            if (!format.equals("wide") && !format.equals("long")) {
                errors.add("'format' debe ser wide (una columna por año) o long (columnas year y value).");
            }
            wide = !format.equals("long");
            if (layer == TargetLayer.HOUSEHOLDS) {
                measure = root.path("measure").asText("households");
                if (!MEASURES.contains(measure)) {
                    errors.add("'measure' debe ser una de: " + String.join(", ", MEASURES) + ".");
                }
            }
        } else if (root.has("format") || root.has("measure")) {
            errors.add("'format' y 'measure' solo aplican a population y households.");
        }
        Scope scope = null;
        if (root.has("replace_scope")) {
            JsonNode rs = root.get("replace_scope");
            if (layer.kind() != TargetLayer.Kind.LAYER || !rs.isObject() || rs.size() != 1) {
                errors.add("'replace_scope' es {columna: valor} y solo aplica a capas temáticas.");
            } else {
                Map.Entry<String, JsonNode> e = rs.fields().next();
                if (layer.column(e.getKey()).filter(c -> c.type() == TargetLayer.Type.TEXT).isEmpty()) {
                    errors.add("'replace_scope' debe nombrar una columna de texto de " + layer.code() + ".");
                } else {
                    scope = new Scope(e.getKey(), e.getValue().asText());
                }
            }
        }
        Map<String, Rule> columns = new LinkedHashMap<>();
        JsonNode cols = root.get("columns");
        if (cols == null || !cols.isObject()) {
            errors.add("Falta 'columns': para cada columna destino, un campo del archivo, una constante o una tabla de valores.");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = cols.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (layer.column(e.getKey()).isEmpty()) {
                    errors.add("La capa " + layer.code() + " no tiene la columna '" + e.getKey() + "' (columnas: "
                            + String.join(", ", layer.columnNames()) + ").");
                    continue;
                }
                Rule rule = rule(e.getKey(), e.getValue(), errors);
                if (rule != null) {
                    columns.put(e.getKey(), rule);
                }
            }
        }
        if (layer.kind() == TargetLayer.Kind.SERIES) {
            if (wide && (columns.containsKey("year") || columns.containsKey("value"))) {
                errors.add("Con format: wide los años son columnas del archivo: no se mapean 'year' ni 'value'.");
            }
            if (!wide && (!columns.containsKey("year") || !columns.containsKey("value"))) {
                errors.add("Con format: long hay que mapear 'year' y 'value'.");
            }
        }
        if (!errors.isEmpty()) {
            throw new MappingException(errors);
        }
        return new Mapping(layer, text(root, "source_layer"), year, level, dissolve, wide, measure, scope, columns,
                text(root, "description"));
    }

    private static Rule rule(String column, JsonNode node, List<String> errors) {
        if (node.isTextual()) {
            return Rule.field(node.asText());
        }
        if (!node.isObject()) {
            errors.add("Columna '" + column + "': se espera el nombre de un campo o un objeto {field|constant, …}.");
            return null;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!RULE_KEYS.contains(k)) {
                errors.add("Columna '" + column + "': clave desconocida '" + k + "' (válidas: "
                        + String.join(", ", sorted(RULE_KEYS)) + ").");
            }
        });
        String field = text(node, "field");
        boolean hasConstant = node.has("constant");
        if ((field == null) == !hasConstant) {
            errors.add("Columna '" + column + "': indique exactamente uno de 'field' o 'constant'.");
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (node.has("values")) {
            if (!node.get("values").isObject()) {
                errors.add("Columna '" + column + "': 'values' debe ser una tabla valor_origen: valor_destino.");
            } else {
                node.get("values").fields().forEachRemaining(v -> values.put(v.getKey().trim(), scalar(v.getValue())));
            }
        }
        List<String> nullValues = new ArrayList<>();
        if (node.has("null_values")) {
            node.get("null_values").forEach(v -> nullValues.add(v.asText()));
        }
        Pattern extract = null;
        if (node.has("extract")) {
            try {
                extract = Pattern.compile(node.get("extract").asText());
                if (extract.matcher("").groupCount() != 1) {
                    errors.add("Columna '" + column + "': 'extract' debe tener exactamente un grupo (…).");
                }
            } catch (PatternSyntaxException e) {
                errors.add("Columna '" + column + "': expresión 'extract' inválida: " + e.getDescription());
            }
        }
        return new Rule(field, hasConstant ? scalar(node.get("constant")) : null, values,
                node.has("other") ? scalar(node.get("other")) : null,
                node.has("default") ? scalar(node.get("default")) : null,
                nullValues, node.path("decimal_comma").asBoolean(false), node.path("trim").asBoolean(true), extract,
                node.path("keep_unmapped").asBoolean(false));
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.getNodeType() == JsonNodeType.BOOLEAN) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    /** A mapping that cannot be used, with every reason. */
    public static class MappingException extends IllegalArgumentException {
        private final List<String> problems;

        public MappingException(List<String> problems) {
            super("Mapeo inválido: " + String.join(" ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
