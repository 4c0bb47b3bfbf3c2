package co.expediente.ogc;

import java.util.List;
import java.util.Optional;

/**
 * The thematic layers of the structuring systems as published: one entry per table of schema
 * {@code layers}, with Spanish attribute names, a style for WMS and the same query for WFS and OGC
 * API Features. The SQL is fixed text of this class, never built from a request.
 */
public final class ThematicLayers {

    /** A map class: its legend name, a MapServer expression (null: everything else) and a STYLE body. */
    public record StyleClass(String name, String expression, String style) {}

    /**
     * @param name   OGC layer / collection name
     * @param table  table of schema {@code layers}
     * @param type   MapServer layer type: POLYGON, LINE or POINT
     * @param select a SELECT with {@code id}, the attributes, {@code vigente_desde}, {@code vigente_hasta} and {@code geom}
     */
    public record ThematicLayer(String name, String table, String title, String description, String system, String type,
                                String select, List<StyleClass> classes) {}

    private static final String POINT = "SYMBOL \"circle\" SIZE 7 OUTLINECOLOR \"#ffffff\" WIDTH 1";

    public static final List<ThematicLayer> ALL = List.of(
            new ThematicLayer("espacio_publico", "public_space", "Espacio público",
                    "Parques, plazas, plazoletas y zonas verdes; efectivo = cuenta como espacio público efectivo.",
                    "espacio_publico", "POLYGON",
                    "SELECT id, source_id AS codigo, name AS nombre, type AS tipo,"
                            + " CASE WHEN effective THEN 'si' ELSE 'no' END AS efectivo,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.public_space",
                    List.of(new StyleClass("Espacio público efectivo", "(\"[efectivo]\" = \"si\")",
                                    "COLOR \"#2e7d32\" OUTLINECOLOR \"#1b5e20\" WIDTH 1 OPACITY 70"),
                            new StyleClass("Otra zona verde", null, "COLOR \"#a5d6a7\" OUTLINECOLOR \"#66bb6a\" WIDTH 1 OPACITY 70"))),
            new ThematicLayer("zonas_amenaza", "hazard_zone", "Zonas de amenaza y riesgo",
                    "Zonas de amenaza por movimientos en masa, inundación y avenida torrencial, con su nivel; "
                            + "no_mitigable = zona de alto riesgo no mitigable.",
                    "riesgo", "POLYGON",
                    "SELECT id, source_id AS codigo, name AS nombre, hazard AS amenaza, level AS nivel,"
                            + " CASE WHEN non_mitigable THEN 'si' ELSE 'no' END AS no_mitigable,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.hazard_zone",
                    List.of(new StyleClass("Alto riesgo no mitigable", "(\"[no_mitigable]\" = \"si\")",
                                    "COLOR \"#b2182b\" OUTLINECOLOR \"#67001f\" WIDTH 1 OPACITY 60"),
                            new StyleClass("Amenaza alta", "(\"[nivel]\" = \"alta\")",
                                    "COLOR \"#ef8a62\" OUTLINECOLOR \"#b2182b\" WIDTH 0.8 OPACITY 50"),
                            new StyleClass("Amenaza media", "(\"[nivel]\" = \"media\")",
                                    "COLOR \"#fddbc7\" OUTLINECOLOR \"#ef8a62\" WIDTH 0.8 OPACITY 50"),
                            new StyleClass("Amenaza baja", null, "COLOR \"#f7f7f7\" OUTLINECOLOR \"#bababa\" WIDTH 0.8 OPACITY 50"))),
            new ThematicLayer("transporte_masivo_lineas", "transit_line", "Líneas de transporte masivo",
                    "Líneas de metro, cable, BRT, tranvía, bus y tren.", "movilidad", "LINE",
                    "SELECT id, source_id AS codigo, name AS nombre, line AS linea, mode AS modo, status AS estado,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.transit_line",
                    modeClasses("WIDTH 3")),
            new ThematicLayer("transporte_masivo_estaciones", "transit_station", "Estaciones de transporte masivo",
                    "Estaciones y paradas por modo.", "movilidad", "POINT",
                    "SELECT id, source_id AS codigo, name AS nombre, line AS linea, mode AS modo, status AS estado,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.transit_station",
                    modeClasses(POINT)),
            new ThematicLayer("ciclorrutas", "cycleway", "Red de ciclorrutas",
                    "Ciclorrutas construidas, con su año de construcción.", "movilidad", "LINE",
                    "SELECT id, source_id AS codigo, name AS nombre, year_built AS anio_construccion, status AS estado,"
                            + " type AS tipo, valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.cycleway",
                    List.of(new StyleClass("Ciclorruta", null, "COLOR \"#1a9850\" WIDTH 2"))),
            new ThematicLayer("jerarquia_vial", "road", "Jerarquía vial",
                    "Vías por jerarquía del POT.", "movilidad", "LINE",
                    "SELECT id, source_id AS codigo, name AS nombre, hierarchy AS jerarquia, classification AS clasificacion,"
                            + " status AS estado, valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.road",
                    List.of(new StyleClass("Vía", null, "COLOR \"#737373\" WIDTH 1.5"))),
            new ThematicLayer("viviendas", "dwelling", "Viviendas",
                    "Viviendas o edificaciones residenciales con su número de unidades.", "vivienda", "POINT",
                    "SELECT id, source_id AS codigo, units AS unidades, year_built AS anio_construccion,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.dwelling",
                    List.of(new StyleClass("Vivienda", null, "SYMBOL \"circle\" SIZE 3 COLOR \"#8c510a\""))),
            new ThematicLayer("proyectos_vivienda", "housing_project", "Proyectos de vivienda",
                    "Proyectos de vivienda con su número de unidades y si son VIS o VIP.", "vivienda", "POINT",
                    "SELECT id, source_id AS codigo, name AS nombre, units AS unidades,"
                            + " CASE WHEN vis THEN 'si' ELSE 'no' END AS vis, CASE WHEN vip THEN 'si' ELSE 'no' END AS vip,"
                            + " year AS anio, valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.housing_project",
                    List.of(new StyleClass("VIS o VIP", "(\"[vis]\" = \"si\" OR \"[vip]\" = \"si\")",
                                    POINT + " COLOR \"#d95f02\""),
                            new StyleClass("Otro proyecto", null, POINT + " COLOR \"#7570b3\""))),
            new ThematicLayer("equipamientos", "facility", "Equipamientos",
                    "Equipamientos de educación, salud, cultura, deporte y otros.", "equipamientos", "POINT",
                    "SELECT id, source_id AS codigo, name AS nombre, category AS categoria, scale AS escala, sector,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.facility",
                    List.of(new StyleClass("Educación", "(\"[categoria]\" = \"educacion\")", POINT + " COLOR \"#1f78b4\""),
                            new StyleClass("Salud", "(\"[categoria]\" = \"salud\")", POINT + " COLOR \"#e31a1c\""),
                            new StyleClass("Otro equipamiento", null, POINT + " COLOR \"#6a3d9a\""))),
            new ThematicLayer("clasificacion_suelo", "land_class", "Clasificación del suelo",
                    "Suelo urbano, de expansión, rural y suburbano; el perímetro urbano es el borde del suelo urbano.",
                    "vivienda", "POLYGON",
                    "SELECT id, source_id AS codigo, class AS clase,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.land_class",
                    List.of(new StyleClass("Urbano", "(\"[clase]\" = \"urbano\")", "COLOR \"#fee08b\" OUTLINECOLOR \"#d73027\" WIDTH 1.5 OPACITY 40"),
                            new StyleClass("Expansión", "(\"[clase]\" = \"expansion\")", "COLOR \"#fdae61\" OUTLINECOLOR \"#f46d43\" WIDTH 1 OPACITY 40"),
                            new StyleClass("Rural o suburbano", null, "COLOR \"#d9ef8b\" OUTLINECOLOR \"#66bd63\" WIDTH 1 OPACITY 40"))),
            new ThematicLayer("tratamientos", "treatment", "Tratamientos urbanísticos",
                    "Tratamientos del POT con su densidad máxima (viviendas por hectárea).", "vivienda", "POLYGON",
                    "SELECT id, source_id AS codigo, code AS codigo_tratamiento, type AS tipo, name AS nombre,"
                            + " max_density AS densidad_max, max_height AS altura_normativa, max_ic AS ic_max,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.treatment",
                    List.of(new StyleClass("Tratamiento", null, "OUTLINECOLOR \"#542788\" WIDTH 1"))),
            new ThematicLayer("centralidades", "centrality", "Centralidades",
                    "Centralidades del POT por jerarquía.", "equipamientos", "POLYGON",
                    "SELECT id, source_id AS codigo, name AS nombre, hierarchy AS jerarquia,"
                            + " valid_from AS vigente_desde, valid_to AS vigente_hasta, geom FROM layers.centrality",
                    List.of(new StyleClass("Centralidad", null, "COLOR \"#c2a5cf\" OUTLINECOLOR \"#762a83\" WIDTH 1 OPACITY 50"))));

    private ThematicLayers() {}

    private static List<StyleClass> modeClasses(String style) {
        return List.of(new StyleClass("Metro", "(\"[modo]\" = \"metro\")", style + " COLOR \"#1b9e77\""),
                new StyleClass("Cable", "(\"[modo]\" = \"cable\")", style + " COLOR \"#d95f02\""),
                new StyleClass("BRT", "(\"[modo]\" = \"brt\")", style + " COLOR \"#7570b3\""),
                new StyleClass("Tranvía", "(\"[modo]\" = \"tranvia\")", style + " COLOR \"#e7298a\""),
                new StyleClass("Bus o tren", null, style + " COLOR \"#666666\""));
    }

    public static Optional<ThematicLayer> find(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
