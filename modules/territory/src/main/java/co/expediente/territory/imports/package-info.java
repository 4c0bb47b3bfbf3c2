/**
 * Imports: a municipality's files (GeoJSON, GeoPackage, zipped Shapefile, FileGDB, KML, CSV) into
 * the territory units, the population and household series and the thematic layers, validated
 * and versioned by year. {@link co.expediente.territory.imports.ImportService} runs the pipeline
 * (GDAL's ogr2ogr into the {@code staging} schema, then SQL); {@link co.expediente.territory.imports.Mapping}
 * says how a file's fields fill a target ({@link co.expediente.territory.imports.TargetLayer});
 * {@link co.expediente.territory.imports.ImportSet} loads a whole municipality from a manifest;
 * {@link co.expediente.territory.imports.LayerCatalogue} describes what is stored
 * ({@code GET /api/layers}). See docs/layers.md.
 */
package co.expediente.territory.imports;
