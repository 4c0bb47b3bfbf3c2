package co.expediente.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class StyleWriterTest {

    private final IndicatorDefinition ep = new IndicatorCatalogue().get("ep_efectivo_hab");

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sldHasANoDataRuleAndOneRulePerClassWithTheMapColours() throws Exception {
        Document sld = parse(StyleWriter.sld(ep, "ep_efectivo_hab_barrio"));
        assertThat(sld.getElementsByTagNameNS("http://www.opengis.net/sld", "Rule").getLength()).isEqualTo(6);
        String text = StyleWriter.sld(ep, "ep_efectivo_hab_barrio");
        for (String colour : ep.classes().colors()) {
            assertThat(text).contains(">" + colour + "<");
        }
        assertThat(text).contains("PropertyIsNull", "<Title>3 – 6 m²/hab</Title>");
    }

    @Test
    void qmlIsAGraduatedRendererOnValorWithTheSameRanges() throws Exception {
        Document qml = parse(StyleWriter.qml(ep).replaceFirst("<!DOCTYPE[^>]*>", ""));
        assertThat(qml.getElementsByTagName("range").getLength()).isEqualTo(5);
        assertThat(qml.getDocumentElement().getElementsByTagName("renderer-v2").item(0).getAttributes()
                .getNamedItem("attr").getNodeValue()).isEqualTo("valor");
        assertThat(StyleWriter.qml(ep)).contains("lower=\"3\" upper=\"6\"", "value=\"0,104,55,255\"");
    }
}
