package co.expediente;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Expediente Municipal: the application that assembles territory, indicators, OGC and the viewer.
 * With a command as first argument ({@code import}, {@code import-set}) the same jar runs that
 * command without a web server and exits with its status.
 */
@SpringBootApplication
public class ExpedienteApplication {

    public static void main(String[] args) {
        if (co.expediente.app.ImportCommand.handles(args)) {
            System.exit(co.expediente.app.ImportCommand.run(ExpedienteApplication.class, args));
        }
        SpringApplication.run(ExpedienteApplication.class, args);
    }
}
