package co.expediente.territory.imports;

import java.nio.file.Path;

/**
 * One import: which file, into which target, for which years, how.
 *
 * @param layer        target code (hazard_zone, unit, population…)
 * @param file         the file (or .gdb folder) on disk
 * @param originalName the name the user gave it (an upload is stored under another name)
 * @param yearFrom     first year the data describes; null: the mapping's {@code year} (series: all year columns)
 * @param yearTo       first year it no longer describes (exclusive); null: open
 * @param mode         replace the year's versions, or append to them
 * @param dryRun       everything but the merge
 * @param crs          the CRS the user names (EPSG:3116, WKT…), overriding or filling the file's; null: the file's
 * @param mapping      null: the identity mapping (target columns from fields of the same name)
 * @param mappingName  how the mapping was named (for the report)
 * @param sourceNote   provenance of a series ("DAP 2025 sobre proyecciones DANE CNPV 2018"); required for series
 * @param sourceLayer  the layer of a multi-layer source (or the dataset inside a zip)
 * @param maxRejectedPercent above this share of rejected features the whole import is refused; null: configured default
 * @param importedBy   who asked (CLI user, "api")
 */
public record ImportRequest(String layer, Path file, String originalName, Integer yearFrom, Integer yearTo,
                            ImportMode mode, boolean dryRun, String crs, Mapping mapping, String mappingName,
                            String sourceNote, String sourceLayer, Double maxRejectedPercent, String importedBy) {

    public enum ImportMode {
        REPLACE, APPEND;

        public String code() {
            return name().toLowerCase();
        }

        public static ImportMode parse(String text) {
            if (text == null || text.isBlank()) {
                return REPLACE;
            }
            return switch (text.trim().toLowerCase()) {
                case "replace" -> REPLACE;
                case "append" -> APPEND;
                default -> throw new IllegalArgumentException("Modo desconocido '" + text + "': use replace o append.");
            };
        }
    }
}
