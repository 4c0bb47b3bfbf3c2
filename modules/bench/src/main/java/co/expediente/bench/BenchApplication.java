package co.expediente.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark's in-process part, run by {@code ./expediente bench} against the benchmark database:
 * <ul>
 *   <li>{@code migrate}: applies the application's Flyway migrations (the generator needs the schema);</li>
 *   <li>{@code run CODE YEAR}: one engine run of one indicator for one year (to profile it, e.g. with the
 *       database's {@code log_min_duration_statement});</li>
 *   <li>{@code engine [options]}: times the indicator engine — the application's own {@code IndicatorEngine}
 *       and sheets, called as the application calls them — for one year, for every year, and each
 *       indicator against its hand-written reference SQL (see {@link EngineBench}).</li>
 * </ul>
 * No web server: only the territory and indicator modules are assembled. The database comes from
 * {@code EXPEDIENTE_DB_URL}, {@code EXPEDIENTE_DB_USER}, {@code EXPEDIENTE_DB_PASSWORD}.
 */
@SpringBootApplication(scanBasePackages = {"co.expediente.territory", "co.expediente.indicators", "co.expediente.bench"})
public class BenchApplication {

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        if (!List.of("migrate", "engine", "run").contains(command) || (command.equals("run") && args.length != 3)) {
            System.err.println("usage: java -jar expediente-bench.jar migrate | run CODE YEAR | engine --year 2025 --years 2016-2025"
                    + " [--reps-year 3] [--reps-all 2] [--reps-indicator 3] [--references DIR] [--out DIR]");
            System.exit(command.equals("help") ? 0 : 2);
        }
        SpringApplication app = new SpringApplication(BenchApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setDefaultProperties(Map.of(
                "spring.datasource.url", "${EXPEDIENTE_DB_URL:jdbc:postgresql://127.0.0.1:55432/expediente_bench}",
                "spring.datasource.username", "${EXPEDIENTE_DB_USER:expediente}",
                "spring.datasource.password", "${EXPEDIENTE_DB_PASSWORD:expediente}",
                "spring.datasource.hikari.maximum-pool-size", "2",
                "spring.flyway.locations", "classpath:db/migration",
                "logging.level.root", "WARN",
                "logging.level.co.expediente.bench", "INFO",
                "logging.level.co.expediente.bench.BenchApplication", "WARN"));
        try (ConfigurableApplicationContext context = app.run()) {
            if (command.equals("run")) {
                var engine = context.getBean(co.expediente.indicators.IndicatorEngine.class);
                var report = engine.run(new co.expediente.indicators.IndicatorEngine.RunRequest(
                        List.of(args[1]), List.of(Integer.parseInt(args[2])), List.of(), "bench"));
                System.out.println("run " + report.runId() + ": " + report.valuesWritten() + " values in "
                        + report.duration().toMillis() + " ms");
            }
            if (command.equals("engine")) {
                EngineBench.Options options = EngineBench.Options.parse(Arrays.copyOfRange(args, 1, args.length));
                context.getBean(EngineBench.class).run(options);
            }
            // migrate: Flyway has run while the context started
        }
    }

    static Path path(String s) {
        return Path.of(s).toAbsolutePath();
    }
}
