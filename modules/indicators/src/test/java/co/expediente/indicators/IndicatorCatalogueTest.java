package co.expediente.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorCatalogueTest {

    @Test
    void everyShippedDefinitionIsValidAndUnique() {
        IndicatorCatalogue catalogue = new IndicatorCatalogue();
        assertThat(catalogue.all()).extracting(IndicatorDefinition::code).contains("ep_efectivo_hab");
    }

    @Test
    void classOfFollowsTheBreaks() {
        IndicatorDefinition.Classes classes = new IndicatorCatalogue().get("ep_efectivo_hab").classes();
        assertThat(classes.classOf(0)).isZero();
        assertThat(classes.classOf(2.99)).isZero();
        assertThat(classes.classOf(3)).isEqualTo(1);
        assertThat(classes.classOf(14.99)).isEqualTo(3);
        assertThat(classes.classOf(15)).isEqualTo(4);
        assertThat(classes.classOf(1000)).isEqualTo(4);
    }

    @Test
    void duplicateCodesAreRefused() {
        IndicatorDefinition d = new IndicatorCatalogue().get("ep_efectivo_hab");
        assertThatThrownBy(() -> new IndicatorCatalogue(List.of(d, d)))
                .hasMessageContaining("code used by two definitions");
    }

    @Test
    void aTermWithoutTheYearParameterIsRefused() {
        IndicatorDefinition d = new IndicatorCatalogue().get("ep_efectivo_hab");
        IndicatorDefinition broken = new IndicatorDefinition(d.code(), d.version(), d.name(), d.system(), d.subsystem(),
                d.type(), d.unit(), d.definition(), d.formula(), d.factor(), d.aggregation(), d.direction(), d.standard(),
                d.baseline(), d.targets(), d.periodicity(), d.source(), d.responsible(), d.levels(), d.layers(),
                d.notes(), new IndicatorDefinition.Term("x", "SELECT 1 AS unit_id, 1 AS amount"), d.denominator(),
                d.classes(), d.changes());
        assertThatThrownBy(() -> new IndicatorCatalogue(List.of(broken))).hasMessageContaining(":year");
    }

    @Test
    void unknownCodeIsAClearError() {
        assertThatThrownBy(() -> new IndicatorCatalogue().get("nope"))
                .isInstanceOf(UnknownIndicatorException.class).hasMessageContaining("nope");
    }
}
