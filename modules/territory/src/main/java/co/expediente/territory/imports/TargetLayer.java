package co.expediente.territory.imports;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The target schemas an import can load into: the thematic layers of {@code layers} (versioned by
 * year), the territorial units and the population and household series. The columns and domains
 * repeat the CHECK constraints of migrations V1 and V3 (an integration test compares them), so a
 * mapping is checked, and each feature gets its reason, before the database would refuse it.
 * docs/layers.md describes each one.
 */
public enum TargetLayer {

    PUBLIC_SPACE("public_space", "Espacio público: parques, plazas, zonas verdes", Kind.LAYER, GeometryKind.POLYGON,
            Column.text("name"),
            Column.text("type").required().domain("parque", "plaza", "plazoleta", "zona_verde", "escenario_deportivo", "otro"),
            Column.bool("effective").required()),
    HAZARD_ZONE("hazard_zone", "Zonas de amenaza y de alto riesgo no mitigable", Kind.LAYER, GeometryKind.POLYGON,
            Column.text("name"),
            Column.text("hazard").required().domain("movimiento_en_masa", "inundacion", "avenida_torrencial"),
            Column.text("level").required().domain("alta", "media", "baja"),
            Column.bool("non_mitigable")),
    TRANSIT_LINE("transit_line", "Líneas de transporte masivo", Kind.LAYER, GeometryKind.LINE,
            Column.text("name"), Column.text("line"),
            Column.text("mode").required().domain("metro", "cable", "brt", "tranvia", "bus", "tren"),
            Column.text("status")),
    TRANSIT_STATION("transit_station", "Estaciones de transporte masivo", Kind.LAYER, GeometryKind.POINT,
            Column.text("name"), Column.text("line"),
            Column.text("mode").required().domain("metro", "cable", "brt", "tranvia", "bus", "tren"),
            Column.text("status")),
    CYCLEWAY("cycleway", "Red de ciclorrutas", Kind.LAYER, GeometryKind.LINE,
            Column.text("name"), Column.integer("year_built").range(1900, 2200), Column.text("status"), Column.text("type")),
    ROAD("road", "Jerarquía vial", Kind.LAYER, GeometryKind.LINE,
            Column.text("name"), Column.text("hierarchy").required(), Column.text("classification"), Column.text("status")),
    DWELLING("dwelling", "Viviendas o edificaciones con su número de unidades", Kind.LAYER, GeometryKind.POINT,
            Column.integer("units").required().range(1, Integer.MAX_VALUE), Column.integer("year_built").range(1500, 2200)),
    HOUSING_PROJECT("housing_project", "Proyectos de vivienda (VIS/VIP)", Kind.LAYER, GeometryKind.POINT,
            Column.text("name"), Column.integer("units").required().range(1, Integer.MAX_VALUE),
            Column.bool("vis"), Column.bool("vip"), Column.integer("year").required().range(1900, 2200)),
    FACILITY("facility", "Equipamientos", Kind.LAYER, GeometryKind.POINT,
            Column.text("name"),
            Column.text("category").required().domain("educacion", "salud", "cultura", "deporte_recreacion", "comunitario",
                    "culto", "seguridad", "abastecimiento", "administracion", "servicios_publicos", "otro"),
            Column.text("scale"), Column.text("sector")),
    LAND_CLASS("land_class", "Clasificación del suelo", Kind.LAYER, GeometryKind.POLYGON,
            Column.text("class").required().domain("urbano", "expansion", "rural", "suburbano")),
    TREATMENT("treatment", "Tratamientos urbanísticos del POT", Kind.LAYER, GeometryKind.POLYGON,
            Column.text("code"), Column.text("type").required(), Column.text("name"),
            Column.number("max_density").range(0, Double.MAX_VALUE), Column.text("max_height"), Column.number("max_ic")),
    CENTRALITY("centrality", "Centralidades del POT", Kind.LAYER, GeometryKind.POLYGON,
            Column.text("name"), Column.text("hierarchy")),

    UNIT("unit", "Unidades territoriales (municipio > comuna/corregimiento > barrio/vereda)", Kind.UNIT, GeometryKind.POLYGON,
            Column.text("code").required(), Column.text("name").required(),
            Column.text("kind").required().domain("municipio", "comuna", "corregimiento", "barrio", "vereda"),
            Column.text("parent")),
    POPULATION("population", "Población por unidad y año", Kind.SERIES, GeometryKind.NONE,
            Column.text("unit").required(), Column.integer("year").range(1900, 2200), Column.integer("value").range(0, Integer.MAX_VALUE)),
    HOUSEHOLDS("households", "Hogares y viviendas por unidad y año", Kind.SERIES, GeometryKind.NONE,
            Column.text("unit").required(), Column.integer("year").range(1900, 2200), Column.integer("value").range(0, Integer.MAX_VALUE));

    /** What a target is: a versioned layer, the unit hierarchy, or a yearly series per unit. */
    public enum Kind { LAYER, UNIT, SERIES }

    /** The geometry a target stores; the name is the one {@code staging.prepare_geometry} takes. */
    public enum GeometryKind {
        POLYGON("polygon"), LINE("line"), POINT("point"), NONE(null);

        private final String sqlName;

        GeometryKind(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    public enum Type { TEXT, INTEGER, NUMBER, BOOLEAN }

    /** A target column: its type, whether a feature needs a value, and the values allowed. */
    public record Column(String name, Type type, boolean isRequired, List<String> allowed, double min, double max) {

        static Column text(String name) {
            return new Column(name, Type.TEXT, false, List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        static Column integer(String name) {
            return new Column(name, Type.INTEGER, false, List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        static Column number(String name) {
            return new Column(name, Type.NUMBER, false, List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        static Column bool(String name) {
            return new Column(name, Type.BOOLEAN, false, List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        Column required() {
            return new Column(name, type, true, allowed, min, max);
        }

        Column domain(String... values) {
            return new Column(name, type, isRequired, List.of(values), min, max);
        }

        Column range(double low, double high) {
            return new Column(name, type, isRequired, allowed, low, high);
        }
    }


    private final String code;
    private final String title;
    private final Kind kind;
    private final GeometryKind geometry;
    private final Map<String, Column> columns;

    TargetLayer(String code, String title, Kind kind, GeometryKind geometry, Column... own) {
        this.code = code;
        this.title = title;
        this.kind = kind;
        this.geometry = geometry;
        Map<String, Column> all = new LinkedHashMap<>();
        if (kind == Kind.LAYER) {
            // every layer has them and a mapping may fill them: the source's identifier, the first year
            all.put("source_id", Column.text("source_id"));
        }
        for (Column c : own) {
            all.put(c.name(), c);
        }
        if (kind == Kind.LAYER) {
            all.put("valid_from", Column.integer("valid_from").range(1500, 2200));
        }
        this.columns = Map.copyOf(all);
        this.columnOrder = List.copyOf(all.keySet());
    }

    private final List<String> columnOrder;

    /** The name used on the command line, in mappings and in {@code layers.import.layer}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }

    public GeometryKind geometry() {
        return geometry;
    }

    /** The table in the database; layers live in schema {@code layers}, units and series in {@code territory}. */
    public String schema() {
        return kind == Kind.LAYER ? "layers" : "territory";
    }

    public String table() {
        return code;
    }

    /** Mappable columns in table order (for layers: source_id first, valid_from last). */
    public List<String> columnNames() {
        return columnOrder;
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    public List<Column> columns() {
        return columnOrder.stream().map(columns::get).toList();
    }

    public static Optional<TargetLayer> parse(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    /** The thematic layers (versioned by year). */
    public static List<TargetLayer> layers() {
        return Arrays.stream(values()).filter(l -> l.kind == Kind.LAYER).toList();
    }

    public static Set<String> codes() {
        return Set.copyOf(Arrays.stream(values()).map(TargetLayer::code).toList());
    }
}
