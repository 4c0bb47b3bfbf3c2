package co.expediente.territory;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Unit geometries for the viewer: fetched once per level, values travel separately. */
@RestController
@RequestMapping("/api/units")
class TerritoryController {

    private static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");

    private final TerritoryRepository territory;

    TerritoryController(TerritoryRepository territory) {
        this.territory = territory;
    }

    @GetMapping(produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> units(@RequestParam(defaultValue = "barrio") String level,
                                 @RequestParam(defaultValue = "2") double simplify) {
        Level parsed = Level.parse(level).orElseThrow(() -> new UnknownLevelException(level));
        double tolerance = Math.max(0, Math.min(simplify, 100));
        return ResponseEntity.ok()
                .contentType(GEOJSON)
                .cacheControl(CacheControl.noCache())
                .body(territory.unitsAsGeoJson(parsed, tolerance));
    }
}
