package co.expediente.territory.demo;

import co.expediente.territory.demo.DemoMunicipality.Dwelling;
import co.expediente.territory.demo.DemoMunicipality.HazardZone;
import co.expediente.territory.demo.DemoMunicipality.Households;
import co.expediente.territory.demo.DemoMunicipality.Unit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The true value of every indicator of the battery on the demo municipality, computed in Java from
 * the demo's rectangles, lines and points alone (never from PostGIS), the way the indicator sheets
 * define them: base terms per barrio, then sums up the hierarchy (ratios as Σnumerator / Σdenominator,
 * never an average of ratios), "no data" where a barrio lacks its denominator, where a ratio's
 * denominator is zero, or where a layer the indicator reads has no feature valid in the year.
 */
public final class DemoTruth {

    /** Effective public space per inhabitant that the national standard asks for (Decreto 1077 de 2015). */
    public static final double STANDARD_M2_PER_INHABITANT = 15;
    /** Walking distance to low- and medium-capacity transit (BRT, tram, cable, bus), SDG 11.2.1. */
    public static final double WALK_TO_TRANSIT = 500;
    /** Walking distance to high-capacity transit (metro, rail), SDG 11.2.1. */
    public static final double WALK_TO_RAIL = 1000;
    /** Distance to an education or health facility. */
    public static final double WALK_TO_FACILITY = 1000;
    private static final Set<String> RAIL_MODES = Set.of("metro", "tren");
    private static final Set<String> GREEN_TYPES = Set.of("parque", "zona_verde");
    private static final double HECTARE = 10_000;

    public enum Aggregation { RATIO, SUM }

    /** Why a value is "no data". */
    public enum NoData { MISSING_DENOMINATOR, ZERO_DENOMINATOR, LAYER_NOT_LOADED }

    /** What the engine must produce for one unit and year: a value with its terms, or no data and why. */
    public record Expected(Double value, double numerator, Double denominator, NoData noData) {
        public boolean isNoData() {
            return value == null;
        }
    }

    /** A barrio's terms; a null denominator is a missing one (no row for the barrio). */
    public record Terms(double numerator, Double denominator) {}

    @FunctionalInterface
    public interface BarrioTerms {
        Terms of(Unit barrio, int year);
    }

    /**
     * How an indicator is computed: aggregation, factor, whether it has a denominator, the layers
     * whose coverage of a year it needs, and its terms per barrio.
     */
    public record Indicator(String code, Aggregation aggregation, double factor, boolean hasDenominator,
                            List<String> layers, BarrioTerms terms) {}

    private final DemoMunicipality demo;
    private final Map<String, Indicator> indicators = new LinkedHashMap<>();

    public DemoTruth(DemoMunicipality demo) {
        this.demo = demo;
        Aggregation ratio = Aggregation.RATIO;
        Aggregation sum = Aggregation.SUM;
        // Public space
        add("ep_efectivo_hab", ratio, 1, true, List.of("public_space"),
                (b, y) -> new Terms(demo.effectivePublicSpace(b.code(), y), population(b, y)));
        add("ep_verde_hab", ratio, 1, true, List.of("public_space"),
                (b, y) -> new Terms(greenPublicSpace(b, y), population(b, y)));
        add("ep_faltante_m2", sum, 1, true, List.of("public_space"),
                (b, y) -> new Terms(publicSpaceDeficit(b, y), population(b, y)));
        // Risk
        add("rg_pob_amenaza_alta", sum, 1, true, List.of("hazard_zone"),
                (b, y) -> new Terms(populationIn(b, y, highHazard(null)), population(b, y)));
        add("rg_pob_amenaza_alta_masa", sum, 1, true, List.of("hazard_zone"),
                (b, y) -> new Terms(populationIn(b, y, highHazard("movimiento_en_masa")), population(b, y)));
        add("rg_pob_amenaza_alta_inundacion", sum, 1, true, List.of("hazard_zone"),
                (b, y) -> new Terms(populationIn(b, y, highHazard("inundacion")), population(b, y)));
        add("rg_pob_amenaza_alta_torrencial", sum, 1, true, List.of("hazard_zone"),
                (b, y) -> new Terms(populationIn(b, y, highHazard("avenida_torrencial")), population(b, y)));
        add("rg_pct_pob_amenaza_alta", ratio, 100, true, List.of("hazard_zone"),
                (b, y) -> new Terms(populationIn(b, y, highHazard(null)), population(b, y)));
        add("rg_viv_riesgo_no_mitigable", sum, 1, true, List.of("hazard_zone"),
                (b, y) -> new Terms(dwellingsIn(b, y, HazardZone::nonMitigable), dwellingsFigure(b, y)));
        add("rg_area_urbana_amenaza_alta", sum, 1, false, List.of("hazard_zone", "land_class"),
                (b, y) -> new Terms(urbanAreaInHighHazard(b, y) / HECTARE, null));
        // Mobility
        add("mv_pct_pob_transporte_masivo", ratio, 100, true, List.of("transit_station", "dwelling"),
                (b, y) -> populationNear(b, y, this::nearTransit));
        add("mv_km_ciclorruta_100mil", ratio, 100_000, true, List.of("cycleway"),
                (b, y) -> new Terms(cyclewayKm(b, y), population(b, y)));
        // Housing
        add("vv_densidad_viviendas", ratio, 1, true, List.of(),
                (b, y) -> {
                    Households h = households(b, y);
                    return new Terms(h == null ? 0 : h.dwellings(), h == null ? null : b.shape().area() / HECTARE);
                });
        add("vv_densidad_poblacion", ratio, 1, true, List.of(),
                (b, y) -> {
                    Double p = population(b, y);
                    return new Terms(p == null ? 0 : p, p == null ? null : b.shape().area() / HECTARE);
                });
        add("vv_pct_capacidad_tratamiento", ratio, 100, true, List.of("treatment"), this::treatmentCapacity);
        add("vv_hogares_por_vivienda", ratio, 1, true, List.of(),
                (b, y) -> {
                    Households h = households(b, y);
                    return h == null ? new Terms(0, null) : new Terms(h.households(), (double) h.dwellings());
                });
        add("vv_pct_vis_vip_nuevas", ratio, 100, true, List.of("housing_project"), this::socialHousingShare);
        add("vv_viviendas_fuera_perimetro", sum, 1, false, List.of("dwelling", "land_class"),
                (b, y) -> new Terms(newDwellingsOutsidePerimeter(b, y), null));
        // Facilities
        add("eq_pct_pob_educacion_1km", ratio, 100, true, List.of("facility", "dwelling"),
                (b, y) -> populationNear(b, y, (d, year) -> nearFacility(d, year, "educacion")));
        add("eq_pct_pob_salud_1km", ratio, 100, true, List.of("facility", "dwelling"),
                (b, y) -> populationNear(b, y, (d, year) -> nearFacility(d, year, "salud")));
    }

    private void add(String code, Aggregation aggregation, double factor, boolean hasDenominator, List<String> layers,
                     BarrioTerms terms) {
        indicators.put(code, new Indicator(code, aggregation, factor, hasDenominator, layers, terms));
    }

    /** The codes of the indicators whose truth is known, in the order of the battery. */
    public List<String> codes() {
        return List.copyOf(indicators.keySet());
    }

    public Indicator indicator(String code) {
        Indicator i = indicators.get(code);
        if (i == null) {
            throw new IllegalArgumentException("no truth for indicator " + code);
        }
        return i;
    }

    /** True when every layer the indicator reads has a feature valid in the year. */
    public boolean layersCover(String code, int year) {
        return indicator(code).layers().stream()
                .allMatch(layer -> demo.layer(layer).stream().anyMatch(f -> f.existsIn(year)));
    }

    /** A barrio's base terms in a year. */
    public Terms terms(String code, String barrioCode, int year) {
        Unit barrio = demo.unit(barrioCode);
        if (!barrio.level().equals("barrio")) {
            throw new IllegalArgumentException(barrioCode + " is not a barrio");
        }
        return indicator(code).terms().of(barrio, year);
    }

    /** The value the engine must give for a unit of any level and a year. */
    public Expected expected(String code, String unitCode, int year) {
        Indicator indicator = indicator(code);
        double n = 0;
        double d = 0;
        int missing = 0;
        for (Unit barrio : demo.barriosOf(unitCode)) {
            Terms t = indicator.terms().of(barrio, year);
            n += t.numerator();
            if (t.denominator() == null) {
                missing++;
            } else {
                d += t.denominator();
            }
        }
        if (!layersCover(code, year)) {
            return new Expected(null, n, null, NoData.LAYER_NOT_LOADED);
        }
        if (indicator.hasDenominator() && missing > 0) {
            return new Expected(null, n, null, NoData.MISSING_DENOMINATOR);
        }
        Double denominator = indicator.hasDenominator() ? d : null;
        if (indicator.aggregation() == Aggregation.SUM) {
            return new Expected(indicator.factor() * n, n, denominator, null);
        }
        if (d == 0) {
            return new Expected(null, n, denominator, NoData.ZERO_DENOMINATOR);
        }
        return new Expected(indicator.factor() * n / d, n, denominator, null);
    }

    // --- base terms, per barrio and year -------------------------------------------------------

    /** Population of a barrio, or null when the demo has no figure. */
    Double population(Unit barrio, int year) {
        return demo.population().stream()
                .filter(p -> p.unitCode().equals(barrio.code()) && p.year() == year)
                .map(p -> (double) p.population()).findFirst().orElse(null);
    }

    Households households(Unit barrio, int year) {
        return demo.households().stream()
                .filter(h -> h.unitCode().equals(barrio.code()) && h.year() == year)
                .findFirst().orElse(null);
    }

    /** Dwellings of a barrio from the households table, or null when it has no row. */
    Double dwellingsFigure(Unit barrio, int year) {
        Households h = households(barrio, year);
        return h == null ? null : (double) h.dwellings();
    }

    /** Parks and green areas (types parque and zona_verde), effective or not, inside the barrio. */
    public double greenPublicSpace(Unit barrio, int year) {
        return demo.publicSpace().stream()
                .filter(p -> GREEN_TYPES.contains(p.type()) && p.existsIn(year))
                .mapToDouble(p -> p.shape().overlap(barrio.shape()))
                .sum();
    }

    /** m² of effective public space the barrio lacks to reach 15 m²/hab (0 when it has enough or no population). */
    public double publicSpaceDeficit(Unit barrio, int year) {
        Double p = population(barrio, year);
        if (p == null) {
            return 0;
        }
        return Math.max(0, STANDARD_M2_PER_INHABITANT * p - demo.effectivePublicSpace(barrio.code(), year));
    }

    private static Predicate<HazardZone> highHazard(String hazard) {
        return z -> z.level().equals("alta") && (hazard == null || z.hazard().equals(hazard));
    }

    /** Area of the barrio covered by the zones (overlaps once). */
    double areaIn(Unit barrio, int year, Predicate<HazardZone> zones) {
        return barrio.shape().coveredBy(demo.hazardZones().stream()
                .filter(z -> z.existsIn(year) && zones.test(z)).map(HazardZone::shape).toList());
    }

    /** Population in the zones, apportioned by the share of the barrio's area they cover. */
    public double populationIn(Unit barrio, int year, Predicate<HazardZone> zones) {
        Double p = population(barrio, year);
        double covered = areaIn(barrio, year, zones);
        return p == null || covered == 0 ? 0 : p * covered / barrio.shape().area();
    }

    /** Dwellings (households table) in the zones, apportioned by the share of the barrio's area they cover. */
    public double dwellingsIn(Unit barrio, int year, Predicate<HazardZone> zones) {
        Double dwellings = dwellingsFigure(barrio, year);
        double covered = areaIn(barrio, year, zones);
        return dwellings == null || covered == 0 ? 0 : dwellings * covered / barrio.shape().area();
    }

    /** m² of urban land (class urbano) in high-hazard zones of any type. */
    public double urbanAreaInHighHazard(Unit barrio, int year) {
        List<Rect> hazard = demo.hazardZones().stream()
                .filter(z -> z.existsIn(year) && highHazard(null).test(z)).map(HazardZone::shape).toList();
        List<Rect> urban = demo.landClasses().stream()
                .filter(l -> l.existsIn(year) && l.landClass().equals("urbano")).map(DemoMunicipality.LandClass::shape)
                .toList();
        return barrio.shape().coveredBy(hazard.stream()
                .flatMap(h -> urban.stream().map(h::intersection)).filter(r -> r != null).toList());
    }

    @FunctionalInterface
    interface DwellingTest {
        boolean test(Dwelling dwelling, int year);
    }

    private List<Dwelling> dwellingsOf(Unit barrio, int year) {
        return demo.dwellings().stream()
                .filter(d -> d.existsIn(year) && barrio.shape().contains(d.location())).toList();
    }

    /**
     * Population living near something, apportioned by dwellings: the barrio's population times the
     * share of its dwelling units (dwelling layer) that pass the test. A barrio without dwellings in
     * the layer has no denominator (its population cannot be placed).
     */
    Terms populationNear(Unit barrio, int year, DwellingTest near) {
        Double p = population(barrio, year);
        List<Dwelling> dwellings = dwellingsOf(barrio, year);
        long total = dwellings.stream().mapToLong(Dwelling::units).sum();
        if (p == null || total == 0) {
            return new Terms(0, null);
        }
        long inside = dwellings.stream().filter(d -> near.test(d, year)).mapToLong(Dwelling::units).sum();
        return new Terms(p * inside / total, p);
    }

    /** Within 1 km (straight line) of a metro or rail station, or 500 m of any other station. */
    boolean nearTransit(Dwelling d, int year) {
        return demo.transitStations().stream().filter(s -> s.existsIn(year)).anyMatch(s ->
                d.location().distanceTo(s.location()) <= (RAIL_MODES.contains(s.mode()) ? WALK_TO_RAIL : WALK_TO_TRANSIT));
    }

    boolean nearFacility(Dwelling d, int year, String category) {
        return demo.facilities().stream()
                .filter(f -> f.existsIn(year) && f.category().equals(category))
                .anyMatch(f -> d.location().distanceTo(f.location()) <= WALK_TO_FACILITY);
    }

    /** Kilometres of cycleway inside the barrio. */
    public double cyclewayKm(Unit barrio, int year) {
        return demo.cycleways().stream().filter(c -> c.existsIn(year))
                .mapToDouble(c -> c.path().lengthInside(barrio.shape())).sum() / 1000;
    }

    /**
     * Dwellings (households table) in the part of the barrio under a treatment with a maximum density,
     * apportioned by area, against the dwellings those treatments allow (max density × hectares).
     */
    Terms treatmentCapacity(Unit barrio, int year) {
        Double dwellings = dwellingsFigure(barrio, year);
        if (dwellings == null) {
            return new Terms(0, null);
        }
        List<DemoMunicipality.Treatment> limited = demo.treatments().stream()
                .filter(t -> t.existsIn(year) && t.maxDensity() != null).toList();
        double covered = barrio.shape().coveredBy(limited.stream().map(DemoMunicipality.Treatment::shape).toList());
        double allowed = limited.stream().mapToDouble(t -> t.maxDensity() * t.shape().overlap(barrio.shape())).sum();
        return new Terms(dwellings * covered / barrio.shape().area(), allowed / HECTARE);
    }

    /** Units of the housing projects of the year that are VIS or VIP, over all units of the year's projects. */
    Terms socialHousingShare(Unit barrio, int year) {
        List<DemoMunicipality.HousingProject> ofYear = demo.housingProjects().stream()
                .filter(h -> h.existsIn(year) && h.year() == year && barrio.shape().contains(h.location())).toList();
        double social = ofYear.stream().filter(h -> h.vis() || h.vip()).mapToDouble(h -> h.units()).sum();
        double all = ofYear.stream().mapToDouble(h -> h.units()).sum();
        return new Terms(social, all);
    }

    /** Units of dwellings built in the year outside the urban perimeter (land class urbano) of that year. */
    public double newDwellingsOutsidePerimeter(Unit barrio, int year) {
        List<Rect> urban = demo.landClasses().stream()
                .filter(l -> l.existsIn(year) && l.landClass().equals("urbano")).map(DemoMunicipality.LandClass::shape)
                .toList();
        return dwellingsOf(barrio, year).stream()
                .filter(d -> d.yearBuilt() == year && urban.stream().noneMatch(u -> u.contains(d.location())))
                .mapToDouble(Dwelling::units).sum();
    }
}
