package co.expediente.app;

import co.expediente.indicators.IndicatorEngine;
import co.expediente.territory.imports.ImportReport;
import co.expediente.territory.imports.ImportRequest;
import co.expediente.territory.imports.ImportService;
import co.expediente.territory.imports.ImportSet;
import co.expediente.territory.imports.MappingCatalogue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The command line: the same jar run without a web server ({@code java -jar expediente.jar import …},
 * or {@code ./expediente import …}). Prints the import report as text, or as JSON with {@code --json};
 * exits 0 when the import was loaded (or simulated), 1 when it was rejected or failed, 2 on a usage error.
 *
 * <pre>
 * import &lt;layer&gt; &lt;file&gt; [--year Y] [--to Y] [--mode replace|append] [--dry-run] [--crs EPSG:n]
 *        [--mapping file.yaml|name] [--source "…"] [--source-layer name] [--max-rejected pct] [--json]
 * import-set &lt;name|manifest.yaml&gt; [--data folder] [--dry-run] [--compute-indicators] [--json]
 * </pre>
 */
@Component
@ConditionalOnProperty("expediente.cli.command")
public class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    static final Set<String> COMMANDS = Set.of("import", "import-set");
    static final int OK = 0;
    static final int REJECTED = 1;
    static final int USAGE = 2;
    private static final Set<String> FLAGS = Set.of("--dry-run", "--json", "--compute-indicators", "--help");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String USAGE_TEXT = """
            Uso:
              expediente import <capa> <archivo> [--year AÑO] [--to AÑO] [--mode replace|append] [--dry-run]
                                [--crs EPSG:n] [--mapping mapeo.yaml|nombre] [--source "fuente"]
                                [--source-layer capa] [--max-rejected PORCENTAJE] [--json]
              expediente import-set <nombre|manifiesto.yaml> [--data CARPETA] [--dry-run] [--compute-indicators] [--json]
            Capas: unit, population, households, public_space, hazard_zone, transit_line, transit_station,
                   cycleway, road, dwelling, housing_project, facility, land_class, treatment, centrality.
            Ejemplo: expediente import hazard_zone riesgo.gpkg --year 2024 --mapping mi_riesgo.yaml --dry-run
            """;

    private final ImportService imports;
    private final ImportSet sets;
    private final MappingCatalogue mappings;
    private final IndicatorEngine engine;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private int exitCode = OK;

    ImportCommand(ImportService imports, ImportSet sets, MappingCatalogue mappings, IndicatorEngine engine) {
        this.imports = imports;
        this.sets = sets;
        this.mappings = mappings;
        this.engine = engine;
    }

    /** Whether these arguments ask for a command rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs a command in a non-web application context and returns the process exit code. */
    public static int run(Class<?> application, String[] args) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAddCommandLineProperties(false); // "--year 2024" are the command's options, not Spring properties
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        boolean json = List.of(args).contains("--json");
        Map<String, Object> cli = new HashMap<>();
        cli.put("expediente.cli.command", args[0]);
        cli.put("expediente.mapserver.managed", "false"); // a command publishes nothing
        cli.put("expediente.demo.enabled", "false");
        // logging is set up before initializers run: its levels go in as defaults (no config file sets them)
        app.setDefaultProperties(Map.of("logging.level.root", json ? "OFF" : "WARN"));
        app.addInitializers(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("cli", cli)));
        try {
            return SpringApplication.exit(app.run(args));
        } catch (RuntimeException e) {
            return REJECTED;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        String[] args = arguments.getSourceArgs();
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            err.print(USAGE_TEXT);
            exitCode = USAGE;
            return;
        }
        if (o.flags.contains("--help")) {
            out.print(USAGE_TEXT);
            return;
        }
        try {
            exitCode = args[0].equals("import-set") ? importSet(o) : importOne(o);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            exitCode = USAGE;
        }
    }

    private int importOne(Options o) throws Exception {
        if (o.positional.size() != 2) {
            throw new IllegalArgumentException("import necesita <capa> y <archivo>.");
        }
        Path file = Path.of(o.positional.get(1));
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("No existe el archivo " + file + ".");
        }
        MappingCatalogue.Named mapping = o.value("--mapping") == null ? null : mappings.load(o.value("--mapping"));
        ImportReport report = imports.run(new ImportRequest(o.positional.get(0), file, file.getFileName().toString(),
                o.integer("--year"), o.integer("--to"), ImportRequest.ImportMode.parse(o.value("--mode")),
                o.flags.contains("--dry-run"), o.value("--crs"), mapping == null ? null : mapping.mapping(),
                mapping == null ? null : mapping.name(), o.value("--source"), o.value("--source-layer"),
                o.number("--max-rejected"), "cli " + System.getProperty("user.name")));
        if (o.flags.contains("--json")) {
            out.println(JSON.writeValueAsString(report));
        } else {
            out.print(report.toText());
        }
        return report.ok() ? OK : REJECTED;
    }

    private int importSet(Options o) throws Exception {
        if (o.positional.size() != 1) {
            throw new IllegalArgumentException("import-set necesita el nombre del conjunto (p. ej. medellin) o su manifiesto.");
        }
        ImportSet.Manifest manifest = sets.manifest(o.positional.get(0));
        String data = o.value("--data") != null ? o.value("--data") : manifest.data();
        if (data == null || !Files.isDirectory(Path.of(data))) {
            throw new IllegalArgumentException("No existe la carpeta de datos '" + data + "' (indíquela con --data).");
        }
        boolean json = o.flags.contains("--json");
        List<ImportSet.Outcome> outcomes = sets.run(manifest, Path.of(data), o.flags.contains("--dry-run"), true);
        List<Object> reports = new ArrayList<>();
        boolean ok = true;
        for (ImportSet.Outcome outcome : outcomes) {
            if (outcome.skipped()) {
                if (!json) {
                    out.println("= " + outcome.entry().file() + " → " + outcome.entry().layer() + ": ya importado sin cambios");
                }
                reports.add(Map.of("file", outcome.entry().file(), "layer", outcome.entry().layer(), "status", "unchanged"));
                continue;
            }
            ok &= outcome.report().ok();
            reports.add(outcome.report());
            if (!json) {
                out.print(outcome.report().toText());
            }
        }
        if (!json && !manifest.notLoaded().isEmpty()) {
            out.println("No se cargan (a propósito):");
            manifest.notLoaded().forEach(n -> out.println("  - " + n));
        }
        if (ok && o.flags.contains("--compute-indicators") && !o.flags.contains("--dry-run")) {
            IndicatorEngine.RunReport run = engine.runAll();
            if (!json) {
                out.println("Indicadores calculados: " + run.valuesWritten() + " valores.");
            }
        }
        if (json) {
            out.println(JSON.writeValueAsString(reports));
        }
        return ok ? OK : REJECTED;
    }

    /** Options as the user types them: {@code --year 2024} or {@code --year=2024}, flags, positionals. */
    static final class Options {
        private static final Set<String> VALUED = Set.of("--year", "--to", "--mode", "--crs", "--mapping", "--source",
                "--source-layer", "--max-rejected", "--data");
        final List<String> positional = new ArrayList<>();
        final Set<String> flags = new java.util.HashSet<>();
        final Map<String, String> values = new HashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                    if (FLAGS.contains(name)) {
                        o.flags.add(name);
                    } else if (VALUED.contains(name)) {
                        String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
                        if (value == null) {
                            throw new IllegalArgumentException(name + " necesita un valor.");
                        }
                        o.values.put(name, value);
                    } else {
                        throw new IllegalArgumentException("Opción desconocida " + a + ".");
                    }
                } else {
                    o.positional.add(a);
                }
            }
            return o;
        }

        String value(String name) {
            return values.get(name);
        }

        Integer integer(String name) {
            String v = values.get(name);
            if (v == null) {
                return null;
            }
            try {
                return Integer.valueOf(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " debe ser un año (p. ej. 2024), no '" + v + "'.");
            }
        }

        Double number(String name) {
            String v = values.get(name);
            if (v == null) {
                return null;
            }
            try {
                return Double.valueOf(v.trim().replace("%", "").replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " debe ser un porcentaje (p. ej. 10), no '" + v + "'.");
            }
        }
    }
}
