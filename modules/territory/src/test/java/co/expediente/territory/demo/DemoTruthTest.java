package co.expediente.territory.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import co.expediente.territory.demo.DemoTruth.NoData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's true indicator values, checked against figures worked out by hand from the
 * rectangles, lines and points of {@link DemoMunicipality} (origin-relative coordinates in comments).
 */
class DemoTruthTest {

    private final DemoMunicipality demo = new DemoMunicipality();
    private final DemoTruth truth = new DemoTruth(demo);

    private double value(String code, String unit, int year) {
        DemoTruth.Expected e = truth.expected(code, unit, year);
        assertThat(e.isNoData()).as("%s %s %s is no data (%s)", code, unit, year, e.noData()).isFalse();
        return e.value();
    }

    @Test
    void theBatteryCoversEveryStructuringSystem() {
        assertThat(truth.codes()).hasSize(20).contains("ep_efectivo_hab")
                .anyMatch(c -> c.startsWith("ep_")).anyMatch(c -> c.startsWith("rg_")).anyMatch(c -> c.startsWith("mv_"))
                .anyMatch(c -> c.startsWith("vv_")).anyMatch(c -> c.startsWith("eq_"));
    }

    @Test
    void greenPublicSpaceCountsParksAndGreenVergesButNotPlazas() {
        // 0101: own park 100 × 100 + half the linear park 50 × 100 + the green verge 100 × 100, per 5,200 hab
        assertThat(value("ep_verde_hab", "0101", 2023)).isCloseTo(25_000.0 / 5_200, within(1e-12));
        // 0102: the plaza across comunas is effective public space but not green
        assertThat(truth.greenPublicSpace(demo.unit("0102"), 2023)).isEqualTo(40_000 + 5_000);
    }

    @Test
    void publicSpaceDeficitIsASumOfBarrioDeficits() {
        // 0101 in 2023: 15 × 5,200 − 15,000 = 63,000 m²; 0103 has 16 m²/hab: no deficit
        assertThat(value("ep_faltante_m2", "0101", 2023)).isEqualTo(63_000);
        assertThat(value("ep_faltante_m2", "0103", 2023)).isZero();
        double sumOfBarrios = demo.barriosOf("01").stream()
                .mapToDouble(b -> truth.publicSpaceDeficit(b, 2023)).sum();
        assertThat(value("ep_faltante_m2", "01", 2023)).isEqualTo(sumOfBarrios);
        // the comuna's own totals would give less: the surplus of 0103 would offset others
        double onTotals = 15 * demo.population("01", 2023).getAsLong() - demo.effectivePublicSpace("01", 2023);
        assertThat(sumOfBarrios).isGreaterThan(onTotals);
    }

    @Test
    void populationInHighHazardIsApportionedByAreaWithOverlapsOnce() {
        // 0301: AZ-MM-01 [2100,2450]×[100,400] = 105,000 m², AZ-MM-02 ∩ 0301 = [2400,2500]×[300,500] = 20,000,
        // overlap [2400,2450]×[300,400] = 5,000: union 120,000 of 250,000 m² × 10,800 hab
        assertThat(value("rg_pob_amenaza_alta_masa", "0301", 2023)).isCloseTo(10_800 * 120_000.0 / 250_000, within(1e-9));
        // 0103: flood plain [0,500]×[800,950] = 75,000 and torrent [425,500]×[600,900] = 22,500 overlap on
        // [425,500]×[800,900] = 7,500: 90,000 m² = 36 %
        assertThat(value("rg_pct_pob_amenaza_alta", "0103", 2023)).isCloseTo(36, within(1e-9));
        // from 2025 the flood plain is medium hazard (works): only the torrent, 9 %
        assertThat(value("rg_pct_pob_amenaza_alta", "0103", 2025)).isCloseTo(9, within(1e-9));
        assertThat(value("rg_pob_amenaza_alta_inundacion", "01", 2025)).isZero();
        // the sum of types counts the overlap of two types twice, the total once
        double byType = value("rg_pob_amenaza_alta_inundacion", "0103", 2023)
                + value("rg_pob_amenaza_alta_torrencial", "0103", 2023);
        assertThat(byType - value("rg_pob_amenaza_alta", "0103", 2023)).isCloseTo(3_900 * 7_500.0 / 250_000, within(1e-9));
    }

    @Test
    void dwellingsInNonMitigableRiskUseTheHouseholdsFigure() {
        DemoMunicipality.Households h = demo.households().stream()
                .filter(x -> x.unitCode().equals("0301") && x.year() == 2023).findFirst().orElseThrow();
        // only AZ-MM-01 is non-mitigable in 0301: 105,000 of 250,000 m²
        assertThat(value("rg_viv_riesgo_no_mitigable", "0301", 2023)).isCloseTo(h.dwellings() * 0.42, within(1e-9));
        // AZ-MM-05 (2025, non-mitigable) reaches 0303 inside the municipality on [2250,2350]×[900,1000]
        assertThat(value("rg_viv_riesgo_no_mitigable", "0303", 2024)).isZero();
        assertThat(value("rg_viv_riesgo_no_mitigable", "0303", 2025)).isPositive();
    }

    @Test
    void urbanLandInHighHazardFollowsThePerimeter() {
        // 0302: AZ-MM-02 ∩ 0302 = [2500,2800]×[300,500]; urban until 2024 only x < 2600: 100 × 200 = 2 ha
        assertThat(value("rg_area_urbana_amenaza_alta", "0302", 2024)).isCloseTo(2, within(1e-12));
        // 2025: the expansion land [2600,2800]×[0,400] becomes urban, + [2600,2800]×[300,400] = 2 ha more
        assertThat(value("rg_area_urbana_amenaza_alta", "0302", 2025)).isCloseTo(4, within(1e-12));
    }

    @Test
    void transitAccessIsStraightLineAndApportionedByDwellings() {
        // 0301 in 2023: no station within reach; the cable (2024) puts every dwelling within 500 m
        assertThat(value("mv_pct_pob_transporte_masivo", "0301", 2023)).isZero();
        assertThat(value("mv_pct_pob_transporte_masivo", "0301", 2024)).isEqualTo(100);
        // 0104 lost its bus stop in 2025 and no metro is within 1 km
        assertThat(value("mv_pct_pob_transporte_masivo", "0104", 2024)).isEqualTo(100);
        assertThat(value("mv_pct_pob_transporte_masivo", "0104", 2025)).isZero();
        // a dwelling at (2562.5, 62.5) is 285.6 m from the cable base (2300, 175)
        Point dwelling = new Point(DemoMunicipality.ORIGIN_X + 2562.5, DemoMunicipality.ORIGIN_Y + 62.5);
        Point cable = new Point(DemoMunicipality.ORIGIN_X + 2300, DemoMunicipality.ORIGIN_Y + 175);
        assertThat(dwelling.distanceTo(cable)).isCloseTo(Math.hypot(262.5, 112.5), within(1e-9)).isLessThan(500);
    }

    @Test
    void cyclewayKmAreExactAndTheLayerStartsIn2024() {
        // 0201 in 2024: CR-01 across it (500 m) and CR-02 from y 100 to 500 (400 m), per 6,528 hab
        assertThat(truth.cyclewayKm(demo.unit("0201"), 2024)).isEqualTo(0.9);
        assertThat(value("mv_km_ciclorruta_100mil", "0201", 2024)).isCloseTo(0.9 / 6_528 * 100_000, within(1e-9));
        // CR-04 runs from y −300 to 200: only 200 m inside 0302
        assertThat(truth.cyclewayKm(demo.unit("0302"), 2024)).isEqualTo(0.2);
        // 2023 precedes the first cycleway inventory: no data for every unit, not zero
        assertThat(truth.layersCover("mv_km_ciclorruta_100mil", 2023)).isFalse();
        for (DemoMunicipality.Unit u : demo.units()) {
            assertThat(truth.expected("mv_km_ciclorruta_100mil", u.code(), 2023).noData()).isEqualTo(NoData.LAYER_NOT_LOADED);
        }
    }

    @Test
    void treatmentCapacityIsNoDataWhereNoTreatmentLimitsDensity() {
        // 0302 and 0304 lie under conservation and rural treatments, which have no maximum density
        assertThat(truth.expected("vv_pct_capacidad_tratamiento", "0302", 2023).noData()).isEqualTo(NoData.ZERO_DENOMINATOR);
        // 0104: all under CN1 (120 viv/ha × 25 ha = 3,000 allowed)
        long dwellings = demo.households().stream()
                .filter(x -> x.unitCode().equals("0104") && x.year() == 2023).findFirst().orElseThrow().dwellings();
        assertThat(value("vv_pct_capacidad_tratamiento", "0104", 2023)).isCloseTo(100.0 * dwellings / 3_000, within(1e-9))
                .isGreaterThan(100);
        // 0202: half under R (220 viv/ha), half under MI (90 viv/ha): 12.5 ha × 220 + 12.5 ha × 90 = 3,875 allowed
        long d0202 = demo.households().stream()
                .filter(x -> x.unitCode().equals("0202") && x.year() == 2023).findFirst().orElseThrow().dwellings();
        assertThat(value("vv_pct_capacidad_tratamiento", "0202", 2023)).isCloseTo(100.0 * d0202 / 3_875, within(1e-9));
        // comuna 03 only counts 0301 and 0303 (the barrios with a maximum density), all under MI
        long d03 = demo.households().stream().filter(x -> x.year() == 2023
                && (x.unitCode().equals("0301") || x.unitCode().equals("0303"))).mapToLong(x -> x.dwellings()).sum();
        assertThat(value("vv_pct_capacidad_tratamiento", "03", 2023)).isCloseTo(100.0 * d03 / (90 * 50), within(1e-9));
    }

    @Test
    void densitiesAndHouseholdsPerDwelling() {
        assertThat(value("vv_densidad_poblacion", "0104", 2023)).isEqualTo(12_000 / 25.0);
        assertThat(value("vv_densidad_poblacion", "99001", 2023)).isCloseTo(89_200 / 300.0, within(1e-9));
        DemoMunicipality.Households h = demo.households().stream()
                .filter(x -> x.unitCode().equals("0201") && x.year() == 2024).findFirst().orElseThrow();
        assertThat(value("vv_densidad_viviendas", "0201", 2024)).isEqualTo(h.dwellings() / 25.0);
        assertThat(value("vv_hogares_por_vivienda", "0201", 2024)).isEqualTo((double) h.households() / h.dwellings());
        assertThat(h.households()).isEqualTo(Math.round(6_528 / 3.1));
    }

    @Test
    void socialHousingShareCountsUnitsOfTheYearsProjects() {
        // 2023: Torres del Puente (200 VIS) and Reserva La Candela (150): 200 / 350
        assertThat(value("vv_pct_vis_vip_nuevas", "99001", 2023)).isCloseTo(100 * 200.0 / 350, within(1e-9));
        // 2025: 60 VIP (not flagged VIS) + 64 VIS of 214 units
        assertThat(value("vv_pct_vis_vip_nuevas", "99001", 2025)).isCloseTo(100 * 124.0 / 214, within(1e-9));
        // a barrio without a project that year: no data, not zero
        assertThat(truth.expected("vv_pct_vis_vip_nuevas", "0101", 2023).noData()).isEqualTo(NoData.ZERO_DENOMINATOR);
    }

    @Test
    void growthOutsideThePerimeter() {
        assertThat(value("vv_viviendas_fuera_perimetro", "99001", 2023)).isEqualTo(6);   // rural, 0302
        assertThat(value("vv_viviendas_fuera_perimetro", "99001", 2024)).isEqualTo(48);  // expansion land, 0302
        // 2025: 64 units in the former expansion land, now urban, do not count; 12 rural in 0304 do
        assertThat(value("vv_viviendas_fuera_perimetro", "0302", 2025)).isZero();
        assertThat(value("vv_viviendas_fuera_perimetro", "0304", 2025)).isEqualTo(12);
    }

    @Test
    void facilityAccessCountsFacilitiesOutsideTheMunicipalityAndTheirYears() {
        // 0302 in 2024: the Escuela El Filo closed, the Colegio Ladera opens only in 2025
        assertThat(value("eq_pct_pob_educacion_1km", "0302", 2024)).isZero();
        assertThat(value("eq_pct_pob_educacion_1km", "0302", 2025)).isEqualTo(100);
        // 0101: the I.E. Las Brisas lies outside the municipality, at (−500, 150)
        assertThat(value("eq_pct_pob_educacion_1km", "0101", 2023)).isEqualTo(100);
        // the health post of 2024 covers the hillside
        assertThat(value("eq_pct_pob_salud_1km", "0304", 2023)).isLessThan(value("eq_pct_pob_salud_1km", "0304", 2024));
    }

    @Test
    void missingPopulationMakesTheBarrioAndItsAncestorsNoData() {
        for (String code : List.of("ep_verde_hab", "rg_pob_amenaza_alta", "mv_pct_pob_transporte_masivo", "vv_densidad_poblacion")) {
            for (String unit : List.of("0304", "03", "99001")) {
                assertThat(truth.expected(code, unit, 2025).noData()).as("%s %s", code, unit).isEqualTo(NoData.MISSING_DENOMINATOR);
            }
            assertThat(truth.expected(code, "0303", 2025).isNoData()).isFalse();
        }
    }

    @Test
    void ratiosAggregateBySummingTerms() {
        for (String code : truth.codes()) {
            if (truth.indicator(code).aggregation() != DemoTruth.Aggregation.RATIO) {
                continue;
            }
            DemoTruth.Expected comuna = truth.expected(code, "02", 2024);
            double n = 0;
            double d = 0;
            for (DemoMunicipality.Unit b : demo.barriosOf("02")) {
                DemoTruth.Terms t = truth.terms(code, b.code(), 2024);
                n += t.numerator();
                d += t.denominator();
            }
            assertThat(comuna.value()).as(code).isCloseTo(truth.indicator(code).factor() * n / d, within(1e-9));
        }
    }

    // --- the demo's geometry is unambiguous --------------------------------------------------

    @Test
    void noPointLiesOnAnEdgeNorAtExactlyAWalkingDistance() {
        List<Point> points = new ArrayList<>();
        demo.dwellings().forEach(d -> points.add(d.location()));
        demo.housingProjects().forEach(h -> points.add(h.location()));
        List<Rect> rects = new ArrayList<>();
        demo.units().forEach(u -> rects.add(u.shape()));
        demo.hazardZones().forEach(z -> rects.add(z.shape()));
        demo.landClasses().forEach(l -> rects.add(l.shape()));
        demo.treatments().forEach(t -> rects.add(t.shape()));
        for (Point p : points) {
            for (Rect r : rects) {
                r.contains(p); // throws when the point is on an edge
            }
            for (DemoMunicipality.TransitStation s : demo.transitStations()) {
                double d = p.distanceTo(s.location());
                assertThat(Math.abs(d - 500)).isGreaterThan(0.1);
                assertThat(Math.abs(d - 1000)).isGreaterThan(0.1);
            }
            for (DemoMunicipality.Facility f : demo.facilities()) {
                assertThat(Math.abs(p.distanceTo(f.location()) - 1000)).isGreaterThan(0.1);
            }
        }
        for (DemoMunicipality.Cycleway c : demo.cycleways()) {
            for (DemoMunicipality.Unit u : demo.unitsAt("barrio")) {
                c.path().lengthInside(u.shape()); // throws when a segment runs along an edge
            }
        }
    }

    @Test
    void everyLayerButTheCyclewaysCoversEveryYear() {
        for (String layer : List.of("public_space", "hazard_zone", "transit_station", "transit_line", "dwelling",
                "housing_project", "facility", "land_class", "treatment")) {
            for (int year : DemoMunicipality.YEARS) {
                assertThat(demo.layer(layer)).as("%s in %s", layer, year).anyMatch(f -> f.existsIn(year));
            }
        }
        assertThat(demo.layer("cycleway")).noneMatch(f -> f.existsIn(2023)).anyMatch(f -> f.existsIn(2024));
        assertThat(demo.households()).noneMatch(h -> h.unitCode().equals("0304") && h.year() == 2025)
                .hasSize(demo.population().size());
    }

    @Test
    void geometryHelpers() {
        Rect a = new Rect(0, 0, 10, 10);
        Rect b = new Rect(5, 5, 15, 15);
        assertThat(Rect.unionArea(List.of(a, b))).isEqualTo(175);
        assertThat(Rect.unionArea(List.of(a, a))).isEqualTo(100);
        assertThat(new Rect(0, 0, 20, 20).coveredBy(List.of(a, b, new Rect(30, 30, 40, 40)))).isEqualTo(175);
        assertThat(a.intersection(new Rect(10, 0, 20, 10))).isNull();
        Polyline l = Polyline.of(new Point(-5, 5), new Point(5, 5), new Point(5, 20));
        assertThat(l.lengthInside(a)).isEqualTo(5 + 5);
        assertThat(l.length()).isEqualTo(25);
        assertThatThrownBy(() -> a.contains(new Point(10, 5))).hasMessageContaining("edge");
        assertThatThrownBy(() -> Polyline.of(new Point(0, 0), new Point(1, 1))).hasMessageContaining("axis-aligned");
        assertThat(Polyline.of(new Point(0, 0), new Point(0, 2)).toWkt()).isEqualTo("MULTILINESTRING((0.000 0.000,0.000 2.000))");
    }
}
