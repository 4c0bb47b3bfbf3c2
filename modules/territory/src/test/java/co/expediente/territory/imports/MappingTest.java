package co.expediente.territory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.expediente.territory.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Mapping files: parsing, their checks, and what they do to one feature. */
class MappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode attrs(String json) throws IOException {
        return JSON.readTree(json);
    }

    @Test
    void aMappingNamesFieldsConstantsAndValueTables() {
        Mapping m = Mapping.parse("""
                layer: hazard_zone
                year: 2014
                columns:
                  name: nombre
                  hazard: {field: amenaza, values: {Inundaciones: inundacion}}
                  level: {constant: alta}
                """);
        assertThat(m.layer()).isEqualTo(TargetLayer.HAZARD_ZONE);
        assertThat(m.year()).isEqualTo(2014);
        assertThat(m.fields()).containsExactly("nombre", "amenaza");
        assertThat(m.columns().get("level").constant()).isEqualTo("alta");
    }

    @Test
    void everyProblemOfAMappingIsListed() {
        assertThatThrownBy(() -> Mapping.parse("""
                layer: hazard_zone
                colour: red
                columns:
                  hazzard: amenaza
                  level: {field: nivel, constant: alta}
                """))
                .isInstanceOf(Mapping.MappingException.class)
                .satisfies(e -> assertThat(((Mapping.MappingException) e).problems())
                        .anyMatch(p -> p.contains("Clave desconocida 'colour'"))
                        .anyMatch(p -> p.contains("no tiene la columna 'hazzard'"))
                        .anyMatch(p -> p.contains("exactamente uno de 'field' o 'constant'")));
        assertThatThrownBy(() -> Mapping.parse("layer: parks\ncolumns: {}"))
                .hasMessageContaining("'layer' debe ser una de").hasMessageContaining("parks");
        assertThatThrownBy(() -> Mapping.parse("layer: [unclosed")).hasMessageContaining("YAML inválido");
        assertThatThrownBy(() -> Mapping.parse("layer: unit\ncolumns: {code: C}")).hasMessageContaining("'level'");
    }

    @Test
    void valuesAreConvertedAndCheckedAgainstTheirDomain() throws IOException {
        Mapping m = Mapping.parse("""
                layer: treatment
                columns:
                  type: tipo
                  max_density: {field: densidad_max, null_values: [N/A]}
                  max_ic: {field: ic_max, null_values: [N/A], decimal_comma: true}
                """);
        FeatureMapper mapper = new FeatureMapper(m, 2014, null);
        FeatureMapper.Result ok = mapper.map(7, attrs("{\"tipo\":\"CN2\",\"densidad_max\":\"N/A\",\"ic_max\":\"2,5\"}"));
        assertThat(ok.isRejected()).isFalse();
        assertThat(ok.values()).containsEntry("type", "CN2").containsEntry("max_ic", 2.5)
                .containsEntry("source_id", "7").doesNotContainKey("max_density");
        FeatureMapper.Result bad = mapper.map(8, attrs("{\"tipo\":\"CN2\",\"densidad_max\":\"-3\",\"ic_max\":\"x\"}"));
        assertThat(bad.reason()).isEqualTo("valor_fuera_de_dominio");
        FeatureMapper.Result missing = mapper.map(9, attrs("{\"tipo\":\" \",\"densidad_max\":\"10\",\"ic_max\":\"1\"}"));
        assertThat(missing.reason()).isEqualTo("atributo_requerido");
        assertThat(missing.detail()).contains("'type'").contains("tipo");
    }

    @Test
    void aValueOutsideTheTableIsRejectedUnlessThereIsAnOtherValue() throws IOException {
        Mapping strict = Mapping.parse("""
                layer: transit_station
                columns:
                  mode: {field: tipo, values: {"1": metro, "2": cable}}
                """);
        assertThat(new FeatureMapper(strict, 2024, null).map(1, attrs("{\"tipo\":1}")).values()).containsEntry("mode", "metro");
        FeatureMapper.Result r = new FeatureMapper(strict, 2024, null).map(1, attrs("{\"tipo\":9}"));
        assertThat(r.reason()).isEqualTo("valor_no_mapeado");
        assertThat(r.detail()).contains("'9'");
        Mapping lenient = Mapping.parse("""
                layer: transit_station
                columns:
                  mode: {field: tipo, values: {"1": metro}, other: bus}
                """);
        assertThat(new FeatureMapper(lenient, 2024, null).map(1, attrs("{\"tipo\":9}")).values()).containsEntry("mode", "bus");
        Mapping wrongDomain = Mapping.parse("layer: transit_station\ncolumns: {mode: {constant: submarine}}");
        assertThat(new FeatureMapper(wrongDomain, 2024, null).map(1, attrs("{}")).detail()).contains("submarine")
                .contains("metro, cable, brt");
    }

    @Test
    void valueTablesIgnoreCaseAndAccents() throws IOException {
        Mapping m = Mapping.parse("""
                layer: hazard_zone
                columns:
                  hazard: {field: a, values: {Movimientos en masa: movimiento_en_masa}}
                  level: {constant: alta}
                  non_mitigable: {field: r, values: {Alto riesgo no mitigable: true}, other: false}
                """);
        FeatureMapper.Result r = new FeatureMapper(m, 2014, null)
                .map(1, attrs("{\"a\":\"MOVIMIENTOS EN MASA \",\"r\":\"Alto riesgo no mitigable\"}"));
        assertThat(r.values()).containsEntry("hazard", "movimiento_en_masa").containsEntry("non_mitigable", true);
    }

    @Test
    void aFeatureCannotStartAfterTheImportYear() throws IOException {
        Mapping m = Mapping.parse("layer: cycleway\ncolumns: {valid_from: anio, year_built: anio}");
        FeatureMapper mapper = new FeatureMapper(m, 2020, null);
        assertThat(mapper.map(1, attrs("{\"anio\":\"2007\"}")).values()).containsEntry("valid_from", 2007L);
        assertThat(mapper.map(2, attrs("{\"anio\":\"2022\"}")).reason()).isEqualTo("posterior_al_año");
    }

    @Test
    void unitsNeedAKindOfTheirLevelAndAParent() throws IOException {
        Mapping m = Mapping.parse("""
                layer: unit
                level: comuna
                columns:
                  code: C
                  name: N
                  kind: {field: C, values: {"50": corregimiento}, other: comuna}
                  parent: {constant: "05001"}
                """);
        assertThat(m.level()).isEqualTo(Level.COMUNA);
        FeatureMapper mapper = new FeatureMapper(m, 2024, null);
        assertThat(mapper.map(1, attrs("{\"C\":\"50\",\"N\":\"Palmitas\"}")).values())
                .containsEntry("kind", "corregimiento").containsEntry("parent", "05001");
        Mapping wrong = Mapping.parse("layer: unit\nlevel: barrio\ncolumns: {code: C, name: N, kind: {constant: comuna}, parent: P}");
        assertThat(new FeatureMapper(wrong, 2024, null).map(1, attrs("{\"C\":\"1\",\"N\":\"x\",\"P\":\"01\"}")).detail())
                .contains("no corresponde al nivel barrio");
    }

    @Test
    void wideSeriesTakeEveryYearColumnOrTheYearsAsked() throws IOException {
        Mapping m = Mapping.parse("layer: population\ncolumns: {unit: codigo}");
        JsonNode row = attrs("{\"codigo\":\"01\",\"nombre\":\"Popular\",\"2018\":\"138824\",\"2019\":\"140110\",\"2020\":\"\"}");
        assertThat(new FeatureMapper(m, 0, null).map(1, row).values().get("values"))
                .isEqualTo(Map.of("2018", 138824L, "2019", 140110L));
        assertThat(new FeatureMapper(m, 2019, 2020).map(1, row).values().get("values")).isEqualTo(Map.of("2019", 140110L));
        assertThat(new FeatureMapper(m, 0, null).map(1, attrs("{\"codigo\":\"01\",\"2018\":\"1.234,5\"}")).reason())
                .isEqualTo("valor_invalido");
        assertThatThrownBy(() -> Mapping.parse("layer: population\nformat: long\ncolumns: {unit: c}"))
                .hasMessageContaining("year").hasMessageContaining("value");
    }

    @Test
    void aReplaceScopeNamesATextColumnOfTheLayer() {
        Mapping m = Mapping.parse("layer: facility\nreplace_scope: {category: educacion}\ncolumns: {category: {constant: educacion}}");
        assertThat(m.replaceScope()).isEqualTo(new Mapping.Scope("category", "educacion"));
        assertThatThrownBy(() -> Mapping.parse("layer: facility\nreplace_scope: {colour: x}\ncolumns: {category: c}"))
                .hasMessageContaining("replace_scope");
    }

    @Test
    void everyShippedMappingParses() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource("mappings/medellin").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("manifest.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        for (Path f : files) {
            assertThat(Mapping.parse(Files.readString(f))).as(f.getFileName().toString()).isNotNull();
        }
        assertThat(new MappingCatalogue().load("medellin/pot_riesgo").mapping().layer()).isEqualTo(TargetLayer.HAZARD_ZONE);
        assertThatThrownBy(() -> new MappingCatalogue().load("medellin/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
