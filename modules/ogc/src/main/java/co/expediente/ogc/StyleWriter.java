package co.expediente.ogc;

import co.expediente.indicators.IndicatorDefinition;
import java.util.Locale;

/**
 * An indicator's classes as SLD 1.0 (any OGC client) and as a QGIS style file (QML), so an analyst
 * gets in QGIS exactly the classes and colours of the map. Both style the attribute {@code valor}
 * of the WFS feature types.
 */
final class StyleWriter {

    private StyleWriter() {}

    static String sld(IndicatorDefinition d, String layerName) {
        IndicatorDefinition.Classes c = d.classes();
        StringBuilder rules = new StringBuilder();
        rules.append(rule("Sin dato", "<ogc:PropertyIsNull><ogc:PropertyName>valor</ogc:PropertyName></ogc:PropertyIsNull>",
                c.noDataColor()));
        for (int i = 0; i < c.colors().size(); i++) {
            Double low = i == 0 ? null : c.breaks().get(i - 1);
            Double high = i < c.breaks().size() ? c.breaks().get(i) : null;
            StringBuilder filter = new StringBuilder();
            if (low != null && high != null) {
                filter.append("<ogc:And>");
            }
            if (low != null) {
                filter.append("<ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>valor</ogc:PropertyName><ogc:Literal>")
                        .append(num(low)).append("</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo>");
            }
            if (high != null) {
                filter.append("<ogc:PropertyIsLessThan><ogc:PropertyName>valor</ogc:PropertyName><ogc:Literal>")
                        .append(num(high)).append("</ogc:Literal></ogc:PropertyIsLessThan>");
            }
            if (low != null && high != null) {
                filter.append("</ogc:And>");
            }
            rules.append(rule(label(d, low, high), filter.toString(), c.colors().get(i)));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
                  <NamedLayer>
                    <Name>%s</Name>
                    <UserStyle>
                      <Title>%s (%s)</Title>
                      <Abstract>%s</Abstract>
                      <FeatureTypeStyle>
                %s      </FeatureTypeStyle>
                    </UserStyle>
                  </NamedLayer>
                </StyledLayerDescriptor>
                """.formatted(xml(layerName), xml(d.name("es")), xml(d.unit()), xml(c.method()), rules);
    }

    private static String rule(String title, String filter, String colour) {
        return """
                        <Rule>
                          <Title>%s</Title>
                          <ogc:Filter>%s</ogc:Filter>
                          <PolygonSymbolizer>
                            <Fill><CssParameter name="fill">%s</CssParameter></Fill>
                            <Stroke><CssParameter name="stroke">#5f5f5f</CssParameter><CssParameter name="stroke-width">0.6</CssParameter></Stroke>
                          </PolygonSymbolizer>
                        </Rule>
                """.formatted(xml(title), filter, colour);
    }

    /** A QGIS graduated renderer on "valor", plus a rule-less "no data" look through the fill of NULLs. */
    static String qml(IndicatorDefinition d) {
        IndicatorDefinition.Classes c = d.classes();
        StringBuilder ranges = new StringBuilder();
        StringBuilder symbols = new StringBuilder();
        double veryLow = -1e12;
        double veryHigh = 1e12;
        for (int i = 0; i < c.colors().size(); i++) {
            Double low = i == 0 ? null : c.breaks().get(i - 1);
            Double high = i < c.breaks().size() ? c.breaks().get(i) : null;
            ranges.append(String.format(Locale.ROOT,
                    "      <range lower=\"%s\" upper=\"%s\" symbol=\"%d\" label=\"%s\" render=\"true\"/>%n",
                    num(low == null ? veryLow : low), num(high == null ? veryHigh : high), i, xml(label(d, low, high))));
            symbols.append(symbol(String.valueOf(i), c.colors().get(i)));
        }
        return """
                <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
                <qgis version="3.28.0" styleCategories="Symbology">
                  <renderer-v2 type="graduatedSymbol" attr="valor" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
                    <ranges>
                %s    </ranges>
                    <symbols>
                %s    </symbols>
                  </renderer-v2>
                  <!-- %s; units without data (valor NULL) are not drawn by a graduated renderer: the "sin_dato" field says why -->
                </qgis>
                """.formatted(ranges, symbols, xml(c.method()));
    }

    private static String symbol(String name, String colour) {
        int r = Integer.parseInt(colour.substring(1, 3), 16);
        int g = Integer.parseInt(colour.substring(3, 5), 16);
        int b = Integer.parseInt(colour.substring(5, 7), 16);
        return String.format(Locale.ROOT, """
                      <symbol type="fill" name="%s" alpha="1" clip_to_extent="1" force_rhr="0">
                        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
                          <Option type="Map">
                            <Option type="QString" name="color" value="%d,%d,%d,255"/>
                            <Option type="QString" name="outline_color" value="95,95,95,255"/>
                            <Option type="QString" name="outline_width" value="0.26"/>
                            <Option type="QString" name="style" value="solid"/>
                          </Option>
                        </layer>
                      </symbol>
                """, name, r, g, b);
    }

    static String label(IndicatorDefinition d, Double low, Double high) {
        if (low == null) {
            return "< " + num(high) + " " + d.unit();
        }
        if (high == null) {
            return "≥ " + num(low) + " " + d.unit();
        }
        return num(low) + " – " + num(high) + " " + d.unit();
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String xml(String s) {
        return FeatureInfoTemplates.html(s);
    }
}
