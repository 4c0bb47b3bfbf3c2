package co.expediente.territory.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Finds a mapping by reference: a YAML file on disk ({@code mi_mapeo.yaml}), or one shipped with
 * Expediente under {@code mappings/} on the classpath, named without extension
 * ({@code medellin/pot_riesgo}).
 */
@Component
public class MappingCatalogue {

    /** A parsed mapping and the reference it was found by. */
    public record Named(String name, Mapping mapping) {}

    public Named load(String reference) {
        return named(reference, read(reference, ".yaml", "mapeo"));
    }

    /**
     * The name a report records: the reference and a fingerprint of the mapping's text, so that a
     * changed mapping is a different import of the same file (and is never skipped as unchanged).
     */
    private static Named named(String reference, String yaml) {
        String sha = ImportService.sha256(yaml.getBytes(StandardCharsets.UTF_8));
        return new Named(reference + " @" + sha.substring(0, 12), Mapping.parse(yaml));
    }

    /** Only a mapping shipped with Expediente (for requests from the network: no file paths on the server). */
    public Named loadBuiltIn(String name) {
        if (Files.exists(Path.of(name)) && !name.matches("[A-Za-z0-9_/-]+")) {
            throw new IllegalArgumentException("Mapeo desconocido '" + name + "'.");
        }
        return named(name, readResource(name, ".yaml", "mapeo"));
    }

    /** Parses a mapping sent as text (an uploaded YAML file). */
    public Named parse(String name, String yaml) {
        return named(name, yaml);
    }

    /** The text of a file on disk, or of {@code mappings/<reference><extension>} on the classpath. */
    static String read(String reference, String extension, String what) {
        Path file = Path.of(reference);
        if (Files.isRegularFile(file)) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("No se pudo leer el " + what + " " + file + ": " + e.getMessage(), e);
            }
        }
        return readResource(reference, extension, what);
    }

    private static String readResource(String reference, String extension, String what) {
        String name = reference.replaceFirst("^classpath:", "").replaceFirst("^mappings/", "");
        if (!name.matches("[A-Za-z0-9_/-]+(\\.ya?ml)?") || name.contains("..")) {
            throw new IllegalArgumentException("No existe el " + what + " '" + reference + "'.");
        }
        String resource = "mappings/" + (name.endsWith(".yaml") || name.endsWith(".yml") ? name : name + extension);
        try (InputStream in = MappingCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No existe el " + what + " '" + reference
                        + "' (ni como archivo ni entre los incluidos en mappings/).");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
