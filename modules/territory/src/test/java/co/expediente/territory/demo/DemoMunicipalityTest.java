package co.expediente.territory.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoMunicipalityTest {

    private final DemoMunicipality demo = new DemoMunicipality();

    @Test
    void hasTheRequiredHierarchy() {
        assertThat(demo.unitsAt("municipio")).hasSize(1);
        assertThat(demo.unitsAt("comuna")).hasSize(3);
        assertThat(demo.unitsAt("barrio")).hasSize(12);
        assertThat(demo.barriosOf("02")).extracting(DemoMunicipality.Unit::code)
                .containsExactly("0201", "0202", "0203", "0204");
    }

    @Test
    void barriosTileTheirComunaExactly() {
        for (DemoMunicipality.Unit comuna : demo.unitsAt("comuna")) {
            double sum = demo.barriosOf(comuna.code()).stream().mapToDouble(b -> b.shape().area()).sum();
            assertThat(sum).isEqualTo(comuna.shape().area());
        }
    }

    @Test
    void effectivePublicSpaceIsKnownByConstruction() {
        // own park 100 × 100 + half of the linear park (50 × 100); the green verge is not effective
        assertThat(demo.effectivePublicSpace("0101", 2023)).isEqualTo(10_000 + 5_000);
        // own park 200 × 200 + other half of the linear park + half of the plaza across comunas (50 × 60)
        assertThat(demo.effectivePublicSpace("0102", 2023)).isEqualTo(40_000 + 5_000 + 3_000);
        // the park opened in 2024
        assertThat(demo.effectivePublicSpace("0104", 2024) - demo.effectivePublicSpace("0104", 2023))
                .isEqualTo(22_500);
        // the park closed in 2024
        assertThat(demo.effectivePublicSpace("0204", 2023) - demo.effectivePublicSpace("0204", 2024))
                .isEqualTo(10_000);
        // barrio without a park of its own, and the park half outside the municipality
        assertThat(demo.effectivePublicSpace("0301", 2023)).isZero();
        assertThat(demo.effectivePublicSpace("0302", 2023)).isEqualTo(50_000 + 5_000);
    }

    @Test
    void populationIsMissingWhereTheDemoSaysSo() {
        assertThat(demo.population("0304", 2025)).isEmpty();
        assertThat(demo.population("03", 2025)).isEmpty();
        assertThat(demo.population(DemoMunicipality.MUNICIPIO_CODE, 2025)).isEmpty();
        assertThat(demo.population("0304", 2024)).hasValue(7038);
        assertThat(demo.population(DemoMunicipality.MUNICIPIO_CODE, 2023)).hasValue(89_200);
    }
}
