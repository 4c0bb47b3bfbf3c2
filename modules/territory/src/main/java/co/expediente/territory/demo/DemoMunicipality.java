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
                              int validFrom, Integer validTo, Rect shape) {
        public boolean existsIn(int year) {
            return validFrom <= year && (validTo == null || year < validTo);
        }
    }

    public record Population(String unitCode, int year, long population) {}

    private final List<Unit> units = new ArrayList<>();
    private final List<PublicSpace> publicSpace = new ArrayList<>();
    private final List<Population> population = new ArrayList<>();

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
