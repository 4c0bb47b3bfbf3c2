package co.expediente;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Expediente Municipal: the application that assembles territory, indicators, OGC and the viewer. */
@SpringBootApplication
public class ExpedienteApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpedienteApplication.class, args);
    }
}
