package co.expediente.app;

import co.expediente.ogc.MapServerUnavailableException;
import java.net.ConnectException;
import org.postgresql.util.PSQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/** Start-up failures explained in a sentence and an action, instead of a stack trace. */
final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {}

    static class MapServer extends AbstractFailureAnalyzer<MapServerUnavailableException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, MapServerUnavailableException cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }
    }

    static class Database extends AbstractFailureAnalyzer<PSQLException> {

        private final Environment environment;

        /** Spring Boot hands analyzers the environment, so the message names the URL actually used. */
        Database(Environment environment) {
            this.environment = environment;
        }

        @Override
        protected FailureAnalysis analyze(Throwable root, PSQLException cause) {
            String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)");
            boolean refused = cause.getCause() instanceof ConnectException
                    || String.valueOf(cause.getMessage()).contains("refused");
            String description = (refused ? "The PostGIS database is unreachable at " : "The PostGIS database refused us at ")
                    + url + ": " + cause.getMessage();
            String action = refused
                    ? "Start it with ./expediente start (project-local cluster), or point EXPEDIENTE_DB_URL, "
                            + "EXPEDIENTE_DB_USER and EXPEDIENTE_DB_PASSWORD at a running PostgreSQL with PostGIS."
                    : "Check EXPEDIENTE_DB_USER / EXPEDIENTE_DB_PASSWORD and that the database exists with the "
                            + "postgis extension available (Debian: postgresql-15-postgis-3).";
            return new FailureAnalysis(description, action, cause);
        }
    }
}
