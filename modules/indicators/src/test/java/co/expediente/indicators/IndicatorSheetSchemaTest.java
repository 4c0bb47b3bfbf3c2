package co.expediente.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every shipped indicator sheet is valid against {@code indicators/indicator.schema.json}, codes are
 * unique and match file names, the layers a sheet declares are the ones its numerator reads, class
 * palettes run light to dark, and a sheet that measures a distance says how it is measured.
 */
class IndicatorSheetSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern LAYER_TABLE = Pattern.compile("\\blayers\\.([a-z_]+)\\b");
    private static JsonSchema schema;

    record Sheet(String file, JsonNode node) {
        String code() {
            return node.path("code").asText();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = IndicatorSheetSchemaTest.class.getResourceAsStream("/indicators/indicator.schema.json")) {
            assertThat(in).as("indicator.schema.json on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static List<Sheet> sheets() throws IOException {
        List<Sheet> sheets = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources(IndicatorCatalogue.LOCATION)) {
            try (InputStream in = r.getInputStream()) {
                sheets.add(new Sheet(r.getFilename(), YAML.readTree(in)));
            }
        }
        return sheets;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    void sheetIsValidAgainstTheSchema(Sheet sheet) {
        Set<ValidationMessage> errors = schema.validate(sheet.node());
        assertThat(errors).as("schema errors in %s", sheet.file()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    void fileIsNamedAfterTheCode(Sheet sheet) {
        assertThat(sheet.file()).isEqualTo(sheet.code() + ".yaml");
    }

    @Test
    void codesAreUniqueAndTheBatteryIsComplete() throws IOException {
        List<Sheet> sheets = sheets();
        Map<String, Long> byCode = sheets.stream().collect(Collectors.groupingBy(Sheet::code, Collectors.counting()));
        assertThat(byCode.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)).isEmpty();
        assertThat(sheets).hasSizeGreaterThanOrEqualTo(13);
        Set<String> systems = sheets.stream().map(s -> s.node().path("system").asText()).collect(Collectors.toSet());
        assertThat(systems).contains("espacio_publico", "riesgo", "movilidad", "vivienda", "equipamientos");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    void declaredLayersAreExactlyTheLayerTablesTheNumeratorReads(Sheet sheet) {
        Set<String> read = new TreeSet<>();
        Matcher m = LAYER_TABLE.matcher(sheet.node().path("numerator").path("sql").asText());
        while (m.find()) {
            read.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        sheet.node().path("layers").forEach(l -> declared.add(l.asText()));
        assertThat(declared).as("layers of %s", sheet.file()).isEqualTo(read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    void classColoursRunFromLightToDarkAndNoDataStandsApart(Sheet sheet) {
        JsonNode classes = sheet.node().path("classes");
        List<String> colours = new ArrayList<>();
        classes.path("colors").forEach(c -> colours.add(c.asText().toLowerCase()));
        for (int i = 1; i < colours.size(); i++) {
            assertThat(luminance(colours.get(i))).as("%s: colour %d darker than colour %d", sheet.file(), i, i - 1)
                    .isLessThan(luminance(colours.get(i - 1)));
        }
        assertThat(colours).doesNotContain(classes.path("noDataColor").asText().toLowerCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    void aSheetThatMeasuresDistanceSaysItIsStraightLine(Sheet sheet) {
        String sql = sheet.node().path("numerator").path("sql").asText() + sheet.node().path("denominator").path("sql").asText();
        if (Stream.of("ST_DWithin", "ST_Distance", "ST_Buffer", "pgr_").anyMatch(sql::contains)) {
            assertThat(sheet.node().path("notes").asText()).as("notes of %s", sheet.file())
                    .containsAnyOf("línea recta", "por la red");
        }
    }

    // --- the schema refuses what it must -------------------------------------------------------

    private static ObjectNode model() throws IOException {
        return (ObjectNode) sheets().stream().filter(s -> s.code().equals("ep_efectivo_hab")).findFirst()
                .orElseThrow().node().deepCopy();
    }

    private static Set<String> errors(JsonNode sheet) {
        return schema.validate(sheet).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Test
    void theModelSheetIsValid() throws IOException {
        assertThat(errors(model())).isEmpty();
    }

    @Test
    void aMissingFichaFieldIsRefused() throws IOException {
        ObjectNode sheet = model();
        sheet.remove("formula");
        assertThat(errors(sheet)).anyMatch(e -> e.contains("formula"));
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        ObjectNode sheet = model();
        sheet.put("formulae", "typo");
        assertThat(errors(sheet)).anyMatch(e -> e.contains("formulae"));
    }

    @Test
    void aRatioWithoutDenominatorIsRefused() throws IOException {
        ObjectNode sheet = model();
        sheet.remove("denominator");
        assertThat(errors(sheet)).anyMatch(e -> e.contains("denominator"));
        sheet.put("aggregation", "sum");
        assertThat(errors(sheet)).isEmpty();
    }

    @Test
    void termSqlMustBeOneSelectBindingTheYear() throws IOException {
        Map<String, String> bad = new HashMap<>();
        bad.put("SELECT id AS unit_id, 1 AS amount FROM territory.unit", "no :year");
        bad.put("SELECT id AS unit_id, 1 AS amount FROM territory.unit WHERE :year > 0; DROP TABLE territory.unit", "two statements");
        bad.put("DELETE FROM territory.unit WHERE :year > 0 RETURNING id AS unit_id, 1 AS amount", "not a SELECT");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            ObjectNode sheet = model();
            ((ObjectNode) sheet.get("numerator")).put("sql", e.getKey());
            assertThat(errors(sheet)).as(e.getValue()).isNotEmpty();
        }
    }

    @Test
    void everyHorizonNeedsATargetAndLayersMustBeKnownTables() throws IOException {
        ObjectNode sheet = model();
        ((ArrayNode) sheet.get("targets")).remove(2);
        assertThat(errors(sheet)).isNotEmpty();
        sheet = model();
        ((ArrayNode) sheet.get("layers")).add("parques");
        assertThat(errors(sheet)).isNotEmpty();
    }

    @Test
    void aBadColourIsRefused() throws IOException {
        ObjectNode sheet = model();
        ((ObjectNode) sheet.get("classes")).put("noDataColor", "grey");
        assertThat(errors(sheet)).isNotEmpty();
    }

    /** Relative luminance (WCAG 2) of #rrggbb. */
    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
