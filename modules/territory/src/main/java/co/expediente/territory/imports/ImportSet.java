package co.expediente.territory.imports;

import co.expediente.territory.imports.ImportRequest.ImportMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A municipality's whole data set as one manifest ({@code mappings/<name>/manifest.yaml}): which
 * file goes to which target with which mapping, year and source, in order (units before their
 * population). {@code ./expediente demo-medellin} and the Medellín integration test load
 * {@code mappings/medellin/manifest.yaml} through this class.
 */
@Component
public class ImportSet {

    private static final Logger log = LoggerFactory.getLogger(ImportSet.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One entry of a manifest. */
    public record Entry(String layer, String file, String mapping, Integer year, Integer to, ImportMode mode,
                        String source, String crs, Double maxRejected) {}

    /** A manifest: a name, the default data folder, the entries, and the files it deliberately leaves out. */
    public record Manifest(String name, String data, List<Entry> entries, List<String> notLoaded) {}

    /** The outcome of one entry: its report, or null when skipped because it was already imported unchanged. */
    public record Outcome(Entry entry, ImportReport report, boolean skipped) {}

    private final ImportService imports;
    private final MappingCatalogue mappings;
    private final JdbcClient jdbc;

    public ImportSet(ImportService imports, MappingCatalogue mappings, JdbcClient jdbc) {
        this.imports = imports;
        this.mappings = mappings;
        this.jdbc = jdbc;
    }

    public Manifest manifest(String reference) {
        String ref = reference.endsWith(".yaml") || Files.isRegularFile(Path.of(reference)) ? reference : reference + "/manifest";
        JsonNode root;
        try {
            root = YAML.readTree(MappingCatalogue.read(ref, ".yaml", "manifiesto"));
        } catch (IOException e) {
            throw new IllegalArgumentException("Manifiesto inválido '" + reference + "': " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : root.path("imports")) {
            entries.add(new Entry(e.path("layer").asText(), e.path("file").asText(), e.path("mapping").asText(null),
                    e.hasNonNull("year") ? e.get("year").asInt() : null, e.hasNonNull("to") ? e.get("to").asInt() : null,
                    ImportMode.parse(e.path("mode").asText(null)), e.path("source").asText(null), e.path("crs").asText(null),
                    e.hasNonNull("max_rejected") ? e.get("max_rejected").asDouble() : null));
        }
        List<String> notLoaded = new ArrayList<>();
        root.path("not_loaded").forEach(n -> notLoaded.add(n.path("file").asText() + ": " + n.path("why").asText()));
        return new Manifest(root.path("name").asText(reference), root.path("data").asText(null), entries, notLoaded);
    }

    /**
     * Imports every entry of a manifest from {@code dataDir}, in order; stops at the first rejected
     * or failed one (later entries may depend on it). With {@code skipUnchanged}, a file already
     * loaded with the same content, mapping and year is not imported again.
     */
    public List<Outcome> run(Manifest manifest, Path dataDir, boolean dryRun, boolean skipUnchanged) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Entry e : manifest.entries()) {
            Path file = e.file().startsWith(CLASSPATH) ? fromClasspath(e.file()) : dataDir.resolve(e.file());
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("Falta el archivo " + file + " del manifiesto " + manifest.name() + ".");
            }
            if (skipUnchanged && !dryRun && alreadyLoaded(e, file)) {
                log.info("{} already imported unchanged into {}; skipped", e.file(), e.layer());
                outcomes.add(new Outcome(e, null, true));
                continue;
            }
            MappingCatalogue.Named mapping = e.mapping() == null ? null : mappings.load(e.mapping());
            ImportReport report = imports.run(new ImportRequest(e.layer(), file, e.file(), e.year(), e.to(), e.mode(), dryRun,
                    e.crs(), mapping == null ? null : mapping.mapping(), mapping == null ? null : mapping.name(),
                    e.source(), null, e.maxRejected(), "import-set " + manifest.name()));
            outcomes.add(new Outcome(e, report, false));
            if (!report.ok()) {
                break;
            }
        }
        return outcomes;
    }

    /** Files the project itself ships beside the mappings (e.g. a documented supplement to a source). */
    static final String CLASSPATH = "classpath:";

    private static Path fromClasspath(String reference) {
        String resource = reference.substring(CLASSPATH.length());
        try (var in = ImportSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Falta el recurso " + resource + " del manifiesto.");
            }
            Path dir = Files.createTempDirectory("expediente-manifest");
            Path file = dir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private boolean alreadyLoaded(Entry e, Path file) {
        String sha = ImportService.sha256(file);
        return sha != null && jdbc.sql(ImportRepository.ALREADY_LOADED).param("layer", e.layer()).param("name", e.file())
                .param("sha", sha).param("mapping", e.mapping() == null ? null : mappings.load(e.mapping()).name())
                .query(Long.class).single() > 0;
    }
}
