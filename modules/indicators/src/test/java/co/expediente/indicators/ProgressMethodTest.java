package co.expediente.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressMethodTest {

    private final IndicatorDefinition ep = new IndicatorCatalogue().get("ep_efectivo_hab");

    @Test
    void theTargetInForceIsTheNextHorizon() {
        assertThat(ProgressMethod.targetFor(ep, 2024).orElseThrow().horizon()).isEqualTo("corto");
        assertThat(ProgressMethod.targetFor(ep, 2027).orElseThrow().horizon()).isEqualTo("corto");
        assertThat(ProgressMethod.targetFor(ep, 2028).orElseThrow().horizon()).isEqualTo("mediano");
        assertThat(ProgressMethod.targetFor(ep, 2040).orElseThrow().horizon()).isEqualTo("largo");
    }

    @Test
    void expectedShareGrowsLinearlyFromBaselineToTargetYear() {
        assertThat(ProgressMethod.expectedShare(2023, 2027, 2023)).isZero();
        assertThat(ProgressMethod.expectedShare(2023, 2027, 2024)).isEqualTo(0.25);
        assertThat(ProgressMethod.expectedShare(2023, 2027, 2030)).isEqualTo(1);
        assertThat(ProgressMethod.expectedShare(2023, 2023, 2024)).isEqualTo(1);
    }

    @Test
    void signFollowsTheDesiredDirection() {
        assertThat(ProgressMethod.sign(ep)).isEqualTo(1);
    }
}
