package co.expediente.territory.imports;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: the same document for the command line (as text or {@code --json}), the
 * REST API, and {@code layers.import.report}.
 *
 * @param importId   row of {@code layers.import}
 * @param status     loaded, dry_run, rejected (nothing written) or failed (an unexpected error; nothing written)
 * @param source     the file: name, format, CRS and where the CRS came from, SHA-256
 * @param counts     read / loaded / repaired / rejected features; for layers also the versions closed and superseded
 * @param reasons    number of repaired or rejected features per reason
 * @param errors     why the import as a whole was rejected or failed
 * @param warnings   what a planner should look at although the import went through
 * @param features   the repaired and rejected features, each with its reason (at most {@link #MAX_FEATURES})
 */
public record ImportReport(long importId, String layer, String status, String mode, boolean dryRun, Integer yearFrom,
                           Integer yearTo, Source source, Counts counts, Map<String, Integer> reasons,
                           List<String> errors, List<String> warnings, List<FeatureIssue> features,
                           boolean featuresTruncated, long durationMs) {

    public static final int MAX_FEATURES = 5000;

    public record Source(String name, String format, String layer, String crs, String crsOrigin, String sha256,
                         String note, String mapping) {}

    public record Counts(long read, long loaded, long repaired, long rejected, long closed, long superseded) {

        static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * A feature that was repaired or rejected.
     *
     * @param fid      its number in the source file, from 1
     * @param label    the source identifier or name that helps find it
     * @param outcome  repaired or rejected
     * @param reason   machine-readable reason (geometria_invalida, valor_fuera_de_dominio…)
     * @param detail   the explanation, with ST_IsValidReason for geometries
     */
    public record FeatureIssue(long fid, String label, String outcome, String reason, String detail) {}

    public boolean ok() {
        return status.equals("loaded") || status.equals("dry_run");
    }

    /** Readable text for the command line. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        String verdict = switch (status) {
            case "loaded" -> "CARGADA";
            case "dry_run" -> "SIMULACIÓN (no se escribió nada)";
            case "rejected" -> "RECHAZADA (no se escribió nada)";
            case "failed" -> "FALLIDA (no se escribió nada)";
            default -> status.toUpperCase();
        };
        b.append("Importación ").append(importId).append(" · capa ").append(layer).append(" · ").append(verdict).append('\n');
        if (source != null) {
            b.append("  archivo:   ").append(source.name());
            if (source.format() != null) {
                b.append(" (").append(source.format()).append(source.layer() != null ? ", capa " + source.layer() : "").append(')');
            }
            b.append('\n');
            if (source.crs() != null) {
                b.append("  CRS:       ").append(source.crs()).append(" (").append(source.crsOrigin()).append(") → EPSG:9377\n");
            }
            if (source.mapping() != null) {
                b.append("  mapeo:     ").append(source.mapping()).append('\n');
            }
            if (source.note() != null) {
                b.append("  fuente:    ").append(source.note()).append('\n');
            }
        }
        if (yearFrom != null) {
            b.append("  años:      ").append(yearFrom).append(yearTo != null ? "–" + (yearTo - 1) : " en adelante")
                    .append(" · modo ").append(mode).append('\n');
        }
        if (counts != null) {
            b.append("  objetos:   ").append(counts.read()).append(" leídos, ").append(counts.loaded())
                    .append(dryRun ? " se cargarían, " : " cargados, ").append(counts.repaired()).append(" reparados, ")
                    .append(counts.rejected()).append(" rechazados");
            if (counts.closed() > 0 || counts.superseded() > 0) {
                b.append("; ").append(counts.closed()).append(" versiones cerradas, ").append(counts.superseded())
                        .append(" reemplazadas (archivadas)");
            }
            b.append('\n');
        }
        if (reasons != null && !reasons.isEmpty()) {
            b.append("  motivos:   ");
            new TreeMap<>(reasons).forEach((k, v) -> b.append(k).append(' ').append(v).append("  "));
            b.append('\n');
        }
        errors.forEach(e -> b.append("  ERROR: ").append(e).append('\n'));
        warnings.forEach(w -> b.append("  aviso: ").append(w).append('\n'));
        int shown = 0;
        for (FeatureIssue f : features) {
            if (shown++ == 50) {
                b.append("  … ").append(features.size() - 50).append(" más (use --json para verlos todos)\n");
                break;
            }
            b.append("  #").append(f.fid()).append(f.label() != null ? " [" + f.label() + "]" : "").append(' ')
                    .append(f.outcome().equals("repaired") ? "reparado" : "RECHAZADO").append(": ")
                    .append(f.reason()).append(" — ").append(f.detail()).append('\n');
        }
        b.append("  duración:  ").append(durationMs).append(" ms\n");
        return b.toString();
    }
}
