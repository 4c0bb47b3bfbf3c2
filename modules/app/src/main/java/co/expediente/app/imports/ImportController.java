package co.expediente.app.imports;

import co.expediente.territory.imports.ImportProperties;
import co.expediente.territory.imports.ImportReport;
import co.expediente.territory.imports.ImportRequest;
import co.expediente.territory.imports.ImportService;
import co.expediente.territory.imports.MappingCatalogue;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: upload a file and import it (multipart, bearer token; see
 * {@link ImportTokenFilter}). The answer is the same import report the command line prints:
 * 201 when loaded, 200 for a dry run, 422 problem+json (with the report) when rejected, 500
 * problem+json (with the report) when it failed. {@code GET /api/imports[/{id}]} reads past reports.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final ImportService imports;
    private final MappingCatalogue mappings;
    private final ImportProperties props;

    ImportController(ImportService imports, MappingCatalogue mappings, ImportProperties props) {
        this.imports = imports;
        this.mappings = mappings;
        this.props = props;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> upload(@RequestPart("file") MultipartFile file,
                                  @RequestParam String layer,
                                  @RequestParam(required = false) Integer year,
                                  @RequestParam(required = false) Integer to,
                                  @RequestParam(required = false) String mode,
                                  @RequestParam(defaultValue = "false") boolean dryRun,
                                  @RequestParam(required = false) String crs,
                                  @RequestParam(required = false) String mapping,
                                  @RequestPart(name = "mappingFile", required = false) MultipartFile mappingFile,
                                  @RequestParam(required = false) String source,
                                  @RequestParam(required = false) String sourceLayer,
                                  @RequestParam(required = false) Double maxRejected,
                                  HttpServletRequest request) throws IOException {
        if (file.isEmpty() && file.getOriginalFilename() == null) {
            throw new IllegalArgumentException("Falta el archivo (parte 'file').");
        }
        if (mapping != null && mappingFile != null) {
            throw new IllegalArgumentException("Indique 'mapping' (un mapeo incluido) o 'mappingFile' (un YAML), no ambos.");
        }
        MappingCatalogue.Named named = mappingFile != null
                ? mappings.parse(safeName(mappingFile.getOriginalFilename()), new String(mappingFile.getBytes(), StandardCharsets.UTF_8))
                : mapping != null ? mappings.loadBuiltIn(mapping) : null;
        String original = safeName(file.getOriginalFilename());
        Path dir = props.workPath().resolve("upload-" + UUID.randomUUID());
        Files.createDirectories(dir);
        try {
            Path stored = dir.resolve(original);
            file.transferTo(stored);
            ImportReport report = imports.run(new ImportRequest(layer, stored, original, year, to,
                    ImportRequest.ImportMode.parse(mode), dryRun, crs, named == null ? null : named.mapping(),
                    named == null ? null : named.name(), source, sourceLayer, maxRejected, "api " + request.getRemoteAddr()));
            return switch (report.status()) {
                case "loaded" -> ResponseEntity.created(URI.create("/api/imports/" + report.importId())).body(report);
                case "dry_run" -> ResponseEntity.ok(report);
                default -> {
                    boolean failed = report.status().equals("failed");
                    ProblemDetail p = ProblemDetail.forStatusAndDetail(
                            failed ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.UNPROCESSABLE_ENTITY,
                            String.join(" ", report.errors()));
                    p.setTitle(failed ? "Importación fallida" : "Importación rechazada");
                    p.setInstance(URI.create("/api/imports/" + report.importId()));
                    p.setProperty("report", report);
                    yield ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
                }
            };
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> recent(@RequestParam(defaultValue = "50") int limit) {
        return imports.recent(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> report(@PathVariable long id) {
        return imports.report(id).map(r -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r))
                .orElseThrow(() -> new UnknownImportException(id));
    }

    /** A file name safe to store: letters, digits, dot, dash and underscore, with its extension. */
    static String safeName(String name) {
        String base = name == null ? "" : Path.of(name.replace('\\', '/')).getFileName() == null ? ""
                : Path.of(name.replace('\\', '/')).getFileName().toString();
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        return safe.isBlank() ? "archivo" : safe;
    }

    /** No import with that id. */
    static class UnknownImportException extends RuntimeException {
        UnknownImportException(long id) {
            super("No existe la importación " + id + ".");
        }
    }
}
