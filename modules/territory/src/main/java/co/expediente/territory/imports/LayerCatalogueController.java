package co.expediente.territory.imports;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/layers}: the catalogue of layers, units and series (public, read-only). */
@RestController
class LayerCatalogueController {

    private final LayerCatalogue catalogue;

    LayerCatalogueController(LayerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping(path = "/api/layers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> layers() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(catalogue.describe());
    }
}
