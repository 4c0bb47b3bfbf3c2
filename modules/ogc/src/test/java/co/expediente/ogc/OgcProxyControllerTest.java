package co.expediente.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OgcProxyControllerTest {

    @Test
    void theMapParameterIsDroppedWhateverItsCase() {
        assertThat(OgcProxyController.query("MAP=/etc/passwd&REQUEST=GetCapabilities&service=WMS", "wms"))
                .isEqualTo("REQUEST=GetCapabilities&service=WMS");
        assertThat(OgcProxyController.query("ma%70=/x&REQUEST=GetCapabilities", "wfs"))
                .isEqualTo("SERVICE=WFS&REQUEST=GetCapabilities");
    }

    @Test
    void serviceComesFromThePathWhenMissing() {
        assertThat(OgcProxyController.query(null, "wms")).isEqualTo("SERVICE=WMS");
        assertThat(OgcProxyController.query("REQUEST=GetCapabilities", "wfs")).isEqualTo("SERVICE=WFS&REQUEST=GetCapabilities");
    }
}
