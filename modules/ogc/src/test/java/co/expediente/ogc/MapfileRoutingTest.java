package co.expediente.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorCatalogue;
import org.junit.jupiter.api.Test;

class MapfileRoutingTest {

    private final MapfileRouting routing = new MapfileRouting(new IndicatorCatalogue(), code -> !code.equals("ep_verde_hab"));

    @Test
    void layersOfOneIndicatorReadItsOwnMapfile() {
        assertThat(routing.aliasFor("SERVICE=WMS&REQUEST=GetMap&LAYERS=ep_efectivo_hab_barrio_2024,ep_efectivo_hab_comuna"))
                .isEqualTo("EP_EFECTIVO_HAB");
        assertThat(routing.aliasFor("REQUEST=GetFeature&TYPENAMES=ms%3Aep_efectivo_hab_barrio_tiempo"))
                .isEqualTo("EP_EFECTIVO_HAB");
        assertThat(routing.aliasFor("request=GetLegendGraphic&layer=rg_pob_amenaza_alta_masa_barrio"))
                .isEqualTo("RG_POB_AMENAZA_ALTA_MASA");
    }

    @Test
    void everythingElseReadsTheFullMapfile() {
        assertThat(routing.aliasFor("SERVICE=WMS&REQUEST=GetCapabilities")).isEqualTo("EXPEDIENTE");
        assertThat(routing.aliasFor("LAYERS=ep_efectivo_hab_barrio,vv_densidad_poblacion_barrio")).isEqualTo("EXPEDIENTE");
        assertThat(routing.aliasFor("LAYERS=espacio_publico")).isEqualTo("EXPEDIENTE");
        assertThat(routing.aliasFor("LAYERS=ep_efectivo_hab_barrio,espacio_publico")).isEqualTo("EXPEDIENTE");
        assertThat(routing.aliasFor("LAYERS=no_existe")).isEqualTo("EXPEDIENTE");
        // an indicator without values has no mapfile of its own yet
        assertThat(routing.aliasFor("LAYERS=ep_verde_hab_barrio")).isEqualTo("EXPEDIENTE");
    }
}
