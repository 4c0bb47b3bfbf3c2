package co.expediente.territory.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * "Valle de Ejemplo", the synthetic municipality of the demo and of the tests. Everything is
 * deterministic and made of axis-aligned rectangles, so every indicator's true value is known
 * exactly from this class alone, without PostGIS.
 *
 * <p>Layout (EPSG:9377, origin near Medellín): three comunas of 1 km × 1 km side by side along x,
 * each with 2 × 2 barrios of 500 m × 500 m. Public space: one effective park per barrio (but one),
 * non-effective green areas that must not count, a linear park across two barrios, a park across
 * two comunas, a park partly outside the municipality, a park opened in 2024 and one closed in
 * 2024. Population for 2023, 2024 and 2025; in 2025 barrio "0304" has no figure, so it, its comuna
 * and the municipio are "no data" that year.
 *
 * <p>The layers of the other structuring systems (see {@link DemoTruth} for the indicators' true
 * values) are rectangles, axis-aligned lines and points:
 * <ul>
 * <li>hazard zones of the three types and levels, some of high non-mitigable risk, two overlapping,
 *     several across two or four barrios, one partly outside the municipality, a flood zone lowered
 *     from high to medium hazard in 2025 (mitigation works) and a mass-movement zone added in 2025;
 * <li>transit stations (metro, cable from 2024, BRT, a bus stop closed in 2025, rail) and two lines;
 * <li>cycleways as axis-aligned segments: the cycling inventory was first loaded in 2024, so that
 *     layer covers neither 2023 nor any earlier year (its indicators are "no data" in 2023);
 * <li>dwellings: a 4 × 4 grid of buildings per barrio (units proportional to population), new ones
 *     in 2023–2025 inside and outside the urban perimeter, and a building in a non-mitigable zone
 *     relocated in 2025; housing projects with VIS/VIP flags by year;
 * <li>education and health facilities (and a cultural one that must not count);
 * <li>land classes: the urban perimeter leaves the east of comuna 03 rural or expansion land, and
 *     the expansion area becomes urban in 2025;
 * <li>POT treatments with their maximum density (two without one);
 * <li>households and dwellings per barrio and year (none for barrio "0304" in 2025).
 * </ul>
 * Every point of the demo lies at an odd multiple of 12.5 m from the origin and every edge, line and
 * station at a multiple of 25 m, so no point is ever on an edge or at exactly 500 m or 1 km from a
 * station: containment and straight-line distance have one answer, in Java and in PostGIS.
 */
public final class DemoMunicipality {

    public static final String MUNICIPIO_CODE = "99001";
    public static final String SOURCE = "Municipio sintético de demostración (generado por Expediente)";
    public static final double ORIGIN_X = 4_716_000;
    public static final double ORIGIN_Y = 2_248_000;
    public static final List<Integer> YEARS = List.of(2023, 2024, 2025);
    /** The barrio without population in 2025. */
    public static final String BARRIO_WITHOUT_2025_POPULATION = "0304";

    private static final double COMUNA_SIDE = 1000;
    private static final double BARRIO_SIDE = 500;
    private static final String[] COMUNA_NAMES = {"Río Norte", "Centro", "Ladera Sur"};
    private static final String[] BARRIO_NAMES = {
        "Las Brisas", "El Puente", "La Quebrada", "San Isidro",
        "El Vergel", "La Candela", "Los Sauces", "El Mirador",
        "Buenos Aires", "La Palma", "Alto Verde", "Los Cerezos"};
    /** Population in 2023 of barrio k (k = 4 × comuna + 2 × row + column). */
    private static final long[] POPULATION_2023 = {
        5200, 8100, 3900, 12000, 6400, 9700, 4500, 7300, 10800, 5600, 8800, 6900};
    /** Size (w × h, metres) of barrio k's own effective park, placed 25 m from its south-west corner; 0 = none. */
    private static final double[][] OWN_PARK = {
        {100, 100}, {200, 200}, {250, 250}, {100, 120},
        {200, 250}, {300, 400}, {300, 300}, {150, 170},
        {0, 0}, {200, 250}, {320, 400}, {200, 200}};

    public record Unit(String code, String name, String level, String kind, String parentCode, Rect shape) {}

    public record PublicSpace(String sourceId, String name, String type, boolean effective,
                              int validFrom, Integer validTo, Rect shape) implements Versioned {
        @Override
        public boolean existsIn(int year) {
            return validFrom <= year && (validTo == null || year < validTo);
        }
    }

    public record Population(String unitCode, int year, long population) {}

    /** A feature valid for the years [validFrom, validTo). */
    public interface Versioned {
        int validFrom();

        Integer validTo();

        default boolean existsIn(int year) {
            return validFrom() <= year && (validTo() == null || year < validTo());
        }
    }

    public record HazardZone(String sourceId, String name, String hazard, String level, boolean nonMitigable,
                             int validFrom, Integer validTo, Rect shape) implements Versioned {}

    public record TransitStation(String sourceId, String name, String line, String mode, String status,
                                 int validFrom, Integer validTo, Point location) implements Versioned {}

    public record TransitLine(String sourceId, String name, String line, String mode, String status,
                              int validFrom, Integer validTo, Polyline path) implements Versioned {}

    public record Cycleway(String sourceId, String name, int yearBuilt, String status, String type,
                           int validFrom, Integer validTo, Polyline path) implements Versioned {}

    public record Dwelling(String sourceId, int units, int yearBuilt, int validFrom, Integer validTo, Point location)
            implements Versioned {}

    public record HousingProject(String sourceId, String name, int units, boolean vis, boolean vip, int year,
                                 int validFrom, Integer validTo, Point location) implements Versioned {}

    public record Facility(String sourceId, String name, String category, String scale, String sector,
                           int validFrom, Integer validTo, Point location) implements Versioned {}

    public record LandClass(String sourceId, String landClass, int validFrom, Integer validTo, Rect shape)
            implements Versioned {}

    public record Treatment(String sourceId, String code, String type, String name, Double maxDensity,
                            int validFrom, Integer validTo, Rect shape) implements Versioned {}

    public record Households(String unitCode, int year, long households, long occupiedDwellings, long dwellings) {}

    public static final String HOUSEHOLDS_SOURCE =
            "Proyección sintética de hogares y viviendas de demostración (generada por Expediente)";

    private final List<Unit> units = new ArrayList<>();
    private final List<PublicSpace> publicSpace = new ArrayList<>();
    private final List<Population> population = new ArrayList<>();
    private final List<HazardZone> hazardZones = new ArrayList<>();
    private final List<TransitStation> transitStations = new ArrayList<>();
    private final List<TransitLine> transitLines = new ArrayList<>();
    private final List<Cycleway> cycleways = new ArrayList<>();
    private final List<Dwelling> dwellings = new ArrayList<>();
    private final List<HousingProject> housingProjects = new ArrayList<>();
    private final List<Facility> facilities = new ArrayList<>();
    private final List<LandClass> landClasses = new ArrayList<>();
    private final List<Treatment> treatments = new ArrayList<>();
    private final List<Households> households = new ArrayList<>();

    public DemoMunicipality() {
        Rect all = new Rect(ORIGIN_X, ORIGIN_Y, ORIGIN_X + 3 * COMUNA_SIDE, ORIGIN_Y + COMUNA_SIDE);
        units.add(new Unit(MUNICIPIO_CODE, "Valle de Ejemplo", "municipio", "municipio", null, all));
        for (int i = 0; i < 3; i++) {
            String comuna = String.format("%02d", i + 1);
            double cx = ORIGIN_X + i * COMUNA_SIDE;
            units.add(new Unit(comuna, "Comuna " + (i + 1) + " - " + COMUNA_NAMES[i], "comuna", "comuna",
                    MUNICIPIO_CODE, new Rect(cx, ORIGIN_Y, cx + COMUNA_SIDE, ORIGIN_Y + COMUNA_SIDE)));
            for (int b = 0; b < 4; b++) {
                int k = 4 * i + b;
                double bx = cx + (b % 2) * BARRIO_SIDE;
                double by = ORIGIN_Y + (b / 2) * BARRIO_SIDE;
                String code = comuna + String.format("%02d", b + 1);
                units.add(new Unit(code, BARRIO_NAMES[k], "barrio", "barrio", comuna,
                        new Rect(bx, by, bx + BARRIO_SIDE, by + BARRIO_SIDE)));
                if (OWN_PARK[k][0] > 0) {
                    publicSpace.add(new PublicSpace("P-" + code, "Parque " + BARRIO_NAMES[k], "parque", true,
                            2015, null, new Rect(bx + 25, by + 25, bx + 25 + OWN_PARK[k][0], by + 25 + OWN_PARK[k][1])));
                }
                for (int year : YEARS) {
                    long p2023 = POPULATION_2023[k];
                    long value = Math.round(p2023 * (1 + 0.02 * (year - 2023)));
                    if (!(year == 2025 && code.equals(BARRIO_WITHOUT_2025_POPULATION))) {
                        population.add(new Population(code, year, value));
                    }
                }
            }
        }
        double x = ORIGIN_X;
        double y = ORIGIN_Y;
        // Green areas that are not effective public space (road verges, retention strips): never counted.
        publicSpace.add(new PublicSpace("ZV-0101", "Zona verde vial Las Brisas", "zona_verde", false,
                2015, null, new Rect(x + 250, y + 25, x + 350, y + 125)));
        publicSpace.add(new PublicSpace("ZV-0202", "Retiro de quebrada La Candela", "zona_verde", false,
                2015, null, new Rect(x + 1900, y + 50, x + 1975, y + 450)));
        // A linear park across barrios 0101 and 0102 (half in each) and a plaza across comunas 01 and 02.
        publicSpace.add(new PublicSpace("PL-01", "Parque lineal La Quebrada", "parque", true,
                2015, null, new Rect(x + 450, y + 300, x + 550, y + 400)));
        publicSpace.add(new PublicSpace("PZ-01", "Plaza del Límite", "plaza", true,
                2015, null, new Rect(x + 950, y + 300, x + 1050, y + 360)));
        // A park half outside the municipality: only the part inside counts (in barrio 0302).
        publicSpace.add(new PublicSpace("P-BORDE", "Parque del Borde", "parque", true,
                2015, null, new Rect(x + 2800, y - 50, x + 2900, y + 50)));
        // Versions in time: a park opened in 2024 (barrio 0104) and one closed in 2024 (barrio 0204).
        publicSpace.add(new PublicSpace("P-NUEVO", "Parque Nuevo Milenio", "parque", true,
                2024, null, new Rect(x + 800, y + 800, x + 950, y + 950)));
        publicSpace.add(new PublicSpace("P-CERRADO", "Plazoleta La Estación", "plazoleta", true,
                2010, 2024, new Rect(x + 1800, y + 800, x + 1900, y + 900)));
        addRisk();
        addMobility();
        addHousing();
        addFacilities();
        addPlanning();
        addHouseholds();
    }

    /** A rectangle given relative to the origin, in metres. */
    private static Rect rect(double x0, double y0, double x1, double y1) {
        return new Rect(ORIGIN_X + x0, ORIGIN_Y + y0, ORIGIN_X + x1, ORIGIN_Y + y1);
    }

    /** A point given relative to the origin, in metres. */
    private static Point point(double x, double y) {
        return new Point(ORIGIN_X + x, ORIGIN_Y + y);
    }

    private void addRisk() {
        // Flood plain of the river: high hazard until the 2024 works, medium from 2025 (a new version).
        hazardZones.add(new HazardZone("AZ-INU-01", "Llanura de inundación Río Norte", "inundacion", "alta", false,
                2014, 2025, rect(0, 800, 1150, 950)));
        hazardZones.add(new HazardZone("AZ-INU-01", "Llanura de inundación Río Norte (jarillón construido)",
                "inundacion", "media", false, 2025, null, rect(0, 800, 1150, 950)));
        hazardZones.add(new HazardZone("AZ-INU-02", "Franja de inundación media Río Norte", "inundacion", "media", false,
                2014, null, rect(0, 700, 1200, 800)));
        // Torrential stream across barrios 0103 and 0104, overlapping the flood plain (700 <= y < 900).
        hazardZones.add(new HazardZone("AZ-AT-01", "Cauce quebrada La Quebrada", "avenida_torrencial", "alta", true,
                2014, null, rect(425, 600, 575, 900)));
        hazardZones.add(new HazardZone("AZ-AT-02", "Quebrada La Candela", "avenida_torrencial", "alta", false,
                2014, null, rect(1700, 0, 1800, 1000)));
        // Hillside of comuna 03: two overlapping high mass-movement zones, one non-mitigable.
        hazardZones.add(new HazardZone("AZ-MM-01", "Ladera El Filo", "movimiento_en_masa", "alta", true,
                2014, null, rect(2100, 100, 2450, 400)));
        hazardZones.add(new HazardZone("AZ-MM-02", "Ladera Buenos Aires", "movimiento_en_masa", "alta", false,
                2014, null, rect(2400, 300, 2800, 700)));
        hazardZones.add(new HazardZone("AZ-MM-03", "Ladera alta", "movimiento_en_masa", "media", false,
                2014, null, rect(2000, 600, 3000, 1000)));
        hazardZones.add(new HazardZone("AZ-MM-04", "Colinas del centro", "movimiento_en_masa", "baja", false,
                2014, null, rect(1000, 0, 2000, 300)));
        // Found by the 2025 detailed study; partly outside the municipality (north of y = 1000).
        hazardZones.add(new HazardZone("AZ-MM-05", "Cicatriz Alto Verde", "movimiento_en_masa", "alta", true,
                2025, null, rect(2250, 900, 2350, 1100)));
    }

    private void addMobility() {
        transitLines.add(new TransitLine("L-A", "Línea A", "A", "metro", "operacion", 2010, null,
                Polyline.of(point(-600, 1200), point(-600, -700), point(1250, -700))));
        transitLines.add(new TransitLine("L-K", "Cable Ladera", "K", "cable", "operacion", 2024, null,
                Polyline.of(point(2300, 175), point(2700, 175), point(2700, 700))));
        // Metro stations outside the municipality (1 km); the rest 500 m.
        transitStations.add(new TransitStation("E-A1", "Estación Occidente", "A", "metro", "operacion",
                2010, null, point(-600, 200)));
        transitStations.add(new TransitStation("E-A2", "Estación Sur", "A", "metro", "operacion",
                2010, null, point(1250, -700)));
        transitStations.add(new TransitStation("E-K1", "Cable Ladera - Base", "K", "cable", "operacion",
                2024, null, point(2300, 175)));
        transitStations.add(new TransitStation("E-K2", "Cable Ladera - Cima", "K", "cable", "operacion",
                2024, null, point(2700, 700)));
        transitStations.add(new TransitStation("E-B1", "Estación BRT La Candela", "B", "brt", "operacion",
                2012, null, point(1625, 875)));
        transitStations.add(new TransitStation("E-P1", "Paradero El Mirador", "P1", "bus", "operacion",
                2015, 2025, point(825, 625)));
        transitStations.add(new TransitStation("E-T1", "Estación Tren del Norte", "T", "tren", "operacion",
                2010, null, point(3400, 1200)));
        // Cycleways: the inventory was first surveyed in 2024 (valid_from 2024 even when built before).
        cycleways.add(new Cycleway("CR-01", "Ciclorruta Avenida del Río", 2019, "operacion", "ciclorruta",
                2024, null, Polyline.of(point(100, 250), point(1900, 250))));
        cycleways.add(new Cycleway("CR-02", "Ciclorruta Carrera Centro", 2022, "operacion", "bicicarril",
                2024, null, Polyline.of(point(1250, 100), point(1250, 900))));
        cycleways.add(new Cycleway("CR-03", "Ciclorruta Alto Verde", 2025, "operacion", "ciclorruta",
                2025, null, Polyline.of(point(2100, 750), point(2900, 750))));
        cycleways.add(new Cycleway("CR-04", "Ciclorruta Variante Sur", 2024, "operacion", "ciclorruta",
                2024, null, Polyline.of(point(2750, -300), point(2750, 200))));
        // Removed in 2025 by the flood works.
        cycleways.add(new Cycleway("CR-05", "Bicicarril La Quebrada", 2010, "operacion", "bicicarril",
                2024, 2025, Polyline.of(point(750, 600), point(750, 950))));
    }

    private void addHousing() {
        // A 4 × 4 grid of buildings per barrio, 125 m apart, with about one dwelling per 3.2 inhabitants.
        List<Unit> barrios = unitsAt("barrio");
        for (int k = 0; k < barrios.size(); k++) {
            Unit b = barrios.get(k);
            long base = Math.round(POPULATION_2023[k] / 3.2 / 16);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    int units = (int) base + ((3 * i + 5 * j + k) % 5 - 2) * 2;
                    int built = 1970 + (7 * i + 3 * j + 5 * k) % 50;
                    dwellings.add(new Dwelling("V-" + b.code() + "-" + i + j, units, built, Math.max(2000, built), null,
                            new Point(b.shape().minX() + 62.5 + 125 * i, b.shape().minY() + 62.5 + 125 * j)));
                }
            }
        }
        // New buildings: inside the urban perimeter, in the expansion land and in rural land.
        dwellings.add(new Dwelling("V-N23-01", 150, 2023, 2023, null, point(1212.5, 337.5)));
        dwellings.add(new Dwelling("V-N23-02", 6, 2023, 2023, null, point(2912.5, 287.5)));
        dwellings.add(new Dwelling("V-N24-01", 48, 2024, 2024, null, point(2712.5, 212.5)));
        dwellings.add(new Dwelling("V-N24-02", 80, 2024, 2024, null, point(712.5, 787.5)));
        dwellings.add(new Dwelling("V-N24-03", 120, 2024, 2024, null, point(1337.5, 162.5)));
        dwellings.add(new Dwelling("V-N25-01", 64, 2025, 2025, null, point(2737.5, 87.5)));
        dwellings.add(new Dwelling("V-N25-02", 12, 2025, 2025, null, point(2862.5, 837.5)));
        dwellings.add(new Dwelling("V-N25-03", 60, 2025, 2025, null, point(2212.5, 712.5)));
        dwellings.add(new Dwelling("V-N25-04", 90, 2025, 2025, null, point(1587.5, 412.5)));
        // A building in the non-mitigable zone AZ-MM-01, relocated (reasentamiento) in 2025.
        dwellings.add(new Dwelling("V-R-01", 40, 1998, 2000, 2025, point(2287.5, 212.5)));
        // Housing projects by year of delivery; VIP is a kind of VIS, a project may carry either flag.
        housingProjects.add(new HousingProject("PV-2020", "Ciudadela El Vergel", 300, true, false, 2020,
                2020, null, point(1087.5, 87.5)));
        housingProjects.add(new HousingProject("PV-2023-A", "Torres del Puente", 200, true, false, 2023,
                2023, null, point(587.5, 162.5)));
        housingProjects.add(new HousingProject("PV-2023-B", "Reserva La Candela", 150, false, false, 2023,
                2023, null, point(1662.5, 337.5)));
        housingProjects.add(new HousingProject("PV-2024-A", "Urbanización La Estación", 120, true, true, 2024,
                2024, null, point(1337.5, 162.5)));
        housingProjects.add(new HousingProject("PV-2024-B", "Mirador del Río", 80, false, false, 2024,
                2024, null, point(712.5, 787.5)));
        housingProjects.add(new HousingProject("PV-2024-C", "Brisas de Expansión", 48, true, false, 2024,
                2024, null, point(2712.5, 212.5)));
        housingProjects.add(new HousingProject("PV-2025-A", "Ladera Digna", 60, false, true, 2025,
                2025, null, point(2212.5, 712.5)));
        housingProjects.add(new HousingProject("PV-2025-B", "Parque Central", 90, false, false, 2025,
                2025, null, point(1587.5, 412.5)));
        housingProjects.add(new HousingProject("PV-2025-C", "Nuevo Horizonte", 64, true, false, 2025,
                2025, null, point(2737.5, 87.5)));
    }

    private void addFacilities() {
        // A school outside the municipality counts too: distance knows no boundary.
        facilities.add(new Facility("ED-01", "I.E. Las Brisas", "educacion", "barrial", "oficial",
                2000, null, point(-500, 150)));
        facilities.add(new Facility("ED-02", "I.E. Centro", "educacion", "zonal", "oficial",
                2000, null, point(1400, 900)));
        facilities.add(new Facility("ED-03", "Colegio Ladera", "educacion", "barrial", "oficial",
                2025, null, point(2650, 850)));
        facilities.add(new Facility("ED-04", "Escuela El Filo", "educacion", "barrial", "oficial",
                2000, 2024, point(2100, 50)));
        facilities.add(new Facility("SA-01", "Centro de Salud Río Norte", "salud", "zonal", "oficial",
                2000, null, point(-100, 1150)));
        facilities.add(new Facility("SA-02", "Hospital Centro", "salud", "ciudad", "oficial",
                2000, null, point(1700, 650)));
        facilities.add(new Facility("SA-03", "Puesto de Salud Ladera", "salud", "barrial", "oficial",
                2024, null, point(2350, 600)));
        facilities.add(new Facility("CU-01", "Casa de la Cultura", "cultura", "ciudad", "oficial",
                2000, null, point(1100, 900)));
    }

    private void addPlanning() {
        // The urban perimeter leaves x >= 2600 outside; the expansion land becomes urban in 2025.
        landClasses.add(new LandClass("SU-01", "urbano", 2014, null, rect(0, 0, 2600, 1000)));
        landClasses.add(new LandClass("SE-01", "expansion", 2014, 2025, rect(2600, 0, 2800, 400)));
        landClasses.add(new LandClass("SU-02", "urbano", 2025, null, rect(2600, 0, 2800, 400)));
        landClasses.add(new LandClass("SR-01", "rural", 2014, null, rect(2800, 0, 3000, 400)));
        landClasses.add(new LandClass("SR-02", "rural", 2014, null, rect(2600, 400, 3000, 1000)));
        // Treatments with their maximum density (dwellings per hectare); two have none.
        treatments.add(new Treatment("TR-CN1", "Z1_CN1_01", "CN1", "Consolidación nivel 1", 120.0,
                2014, null, rect(0, 0, 1000, 1000)));
        treatments.add(new Treatment("TR-R", "Z2_R_01", "R", "Renovación urbana", 220.0,
                2014, null, rect(1000, 0, 1750, 1000)));
        treatments.add(new Treatment("TR-MI", "Z3_MI_01", "MI", "Mejoramiento integral", 90.0,
                2014, null, rect(1750, 0, 2500, 1000)));
        treatments.add(new Treatment("TR-C", "Z3_C3_01", "C3", "Conservación urbanística", null,
                2014, null, rect(2500, 0, 2600, 1000)));
        treatments.add(new Treatment("TR-RUR", "Z3_RAR_01", "RAR", "Áreas de restauración rural", null,
                2014, null, rect(2600, 0, 3000, 1000)));
    }

    /** Households about one per 3.1 inhabitants; dwellings as counted in the dwelling layer. */
    private void addHouseholds() {
        for (Population p : population) {
            Rect shape = unit(p.unitCode()).shape();
            long units = dwellings.stream().filter(d -> d.existsIn(p.year()) && shape.contains(d.location()))
                    .mapToLong(Dwelling::units).sum();
            households.add(new Households(p.unitCode(), p.year(), Math.round(p.population() / 3.1),
                    Math.round(units * 0.95), units));
        }
    }

    public List<Unit> units() {
        return List.copyOf(units);
    }

    public List<PublicSpace> publicSpace() {
        return List.copyOf(publicSpace);
    }

    public List<Population> population() {
        return List.copyOf(population);
    }

    public List<HazardZone> hazardZones() {
        return List.copyOf(hazardZones);
    }

    public List<TransitStation> transitStations() {
        return List.copyOf(transitStations);
    }

    public List<TransitLine> transitLines() {
        return List.copyOf(transitLines);
    }

    public List<Cycleway> cycleways() {
        return List.copyOf(cycleways);
    }

    public List<Dwelling> dwellings() {
        return List.copyOf(dwellings);
    }

    public List<HousingProject> housingProjects() {
        return List.copyOf(housingProjects);
    }

    public List<Facility> facilities() {
        return List.copyOf(facilities);
    }

    public List<LandClass> landClasses() {
        return List.copyOf(landClasses);
    }

    public List<Treatment> treatments() {
        return List.copyOf(treatments);
    }

    public List<Households> households() {
        return List.copyOf(households);
    }

    /**
     * The features of a table of schema {@code layers}, by its name there, so that a layer's coverage
     * of a year (any feature valid in it) can be known.
     */
    public List<? extends Versioned> layer(String table) {
        return switch (table) {
            case "public_space" -> publicSpace();
            case "hazard_zone" -> hazardZones();
            case "transit_station" -> transitStations();
            case "transit_line" -> transitLines();
            case "cycleway" -> cycleways();
            case "dwelling" -> dwellings();
            case "housing_project" -> housingProjects();
            case "facility" -> facilities();
            case "land_class" -> landClasses();
            case "treatment" -> treatments();
            default -> throw new IllegalArgumentException("the demo has no layer " + table);
        };
    }

    public Unit unit(String code) {
        return units.stream().filter(u -> u.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo unit " + code));
    }

    public List<Unit> unitsAt(String level) {
        return units.stream().filter(u -> u.level().equals(level)).toList();
    }

    /** The barrios inside a unit (the unit itself when it is a barrio). */
    public List<Unit> barriosOf(String unitCode) {
        Unit unit = unit(unitCode);
        return unitsAt("barrio").stream().filter(b -> unit.shape().overlap(b.shape()) > 0).toList();
    }

    /** True effective public space inside a unit in a year, in m². */
    public double effectivePublicSpace(String unitCode, int year) {
        Rect shape = unit(unitCode).shape();
        return publicSpace.stream()
                .filter(p -> p.effective() && p.existsIn(year))
                .mapToDouble(p -> p.shape().overlap(shape))
                .sum();
    }

    /** True population of a unit in a year; empty when any of its barrios lacks a figure. */
    public OptionalLong population(String unitCode, int year) {
        long total = 0;
        for (Unit barrio : barriosOf(unitCode)) {
            OptionalLong p = population.stream()
                    .filter(x -> x.unitCode().equals(barrio.code()) && x.year() == year)
                    .mapToLong(Population::population).findFirst();
            if (p.isEmpty()) {
                return OptionalLong.empty();
            }
            total += p.getAsLong();
        }
        return OptionalLong.of(total);
    }

    /** Population by year of every barrio, for quick inspection. */
    public Map<String, Long> populationOf(int year) {
        Map<String, Long> byUnit = new LinkedHashMap<>();
        population.stream().filter(p -> p.year() == year).forEach(p -> byUnit.put(p.unitCode(), p.population()));
        return byUnit;
    }
}
