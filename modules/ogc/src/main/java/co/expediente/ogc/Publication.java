package co.expediente.ogc;

import co.expediente.indicators.IndicatorDefinition;
import java.util.List;

/**
 * Everything a mapfile is generated from: the catalogue as of now.
 *
 * @param publicUrl     the address users know, e.g. https://expediente.medellin.gov.co (no trailing slash)
 * @param dbConnection  libpq connection string for MapServer
 * @param extent        extent of all units in EPSG:9377 (minx, miny, maxx, maxy); declared, never scanned
 * @param webExtent     the same extent in EPSG:3857, the map's own CRS
 * @param fontFile      a TrueType font for legends, or null for MapServer's bitmap font
 * @param templateDir   folder of the GetFeatureInfo HTML templates, or null for none
 * @param indicators    the indicators to publish, each with the years it has values for
 */
public record Publication(
        String title,
        String publicUrl,
        String dbConnection,
        double[] extent,
        double[] webExtent,
        String fontFile,
        String templateDir,
        List<PublishedIndicator> indicators) {

    public record PublishedIndicator(IndicatorDefinition definition, List<Integer> years) {}
}
