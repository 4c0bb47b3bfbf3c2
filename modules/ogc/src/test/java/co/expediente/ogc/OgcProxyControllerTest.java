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

    @Test
    void timeAcceptsIsoYearsDatesListsAndIntervalsOnly() throws Exception {
        var field = OgcProxyController.class.getDeclaredField("TIME");
        field.setAccessible(true);
        java.util.regex.Pattern time = (java.util.regex.Pattern) field.get(null);
        for (String ok : new String[] {"2024", "2024-01-01", "2023/2025", "2023,2024", "2024-06-30T00:00:00Z", "current"}) {
            assertThat(time.matcher(ok).matches()).as(ok).isTrue();
        }
        for (String bad : new String[] {"2024') OR 1=1--", "ayer", "24", "2024;", ""}) {
            assertThat(time.matcher(bad).matches()).as(bad).isFalse();
        }
    }
}
