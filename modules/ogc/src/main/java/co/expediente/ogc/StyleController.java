package co.expediente.ogc;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.territory.Level;
import co.expediente.territory.UnknownLevelException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Downloads of each indicator's style: SLD for any OGC client, QML for QGIS. */
@RestController
class StyleController {

    private final IndicatorCatalogue catalogue;

    StyleController(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/ogc/styles/{code}.sld")
    ResponseEntity<String> sld(@PathVariable String code, @RequestParam(defaultValue = "barrio") String level) {
        IndicatorDefinition d = catalogue.get(code);
        Level parsed = Level.parse(level).orElseThrow(() -> new UnknownLevelException(level));
        return download(StyleWriter.sld(d, MapfileWriter.layerName(code, parsed, null)),
                MediaType.parseMediaType("application/vnd.ogc.sld+xml"), code + ".sld");
    }

    @GetMapping("/ogc/styles/{code}.qml")
    ResponseEntity<String> qml(@PathVariable String code) {
        return download(StyleWriter.qml(catalogue.get(code)), MediaType.APPLICATION_XML, code + ".qml");
    }

    private static ResponseEntity<String> download(String body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(body);
    }
}
