package co.expediente.app;

import co.expediente.indicators.IndicatorEngine;
import co.expediente.territory.demo.DemoLoader;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code expediente.demo.enabled}: loads the demo municipality (once) and computes the
 * indicators before the application reports itself ready, so the first map a user opens is full.
 */
@Component
@ConditionalOnProperty("expediente.demo.enabled")
class DemoRunner implements ApplicationRunner {

    private final DemoLoader demo;
    private final IndicatorEngine engine;

    DemoRunner(DemoLoader demo, IndicatorEngine engine) {
        this.demo = demo;
        this.engine = engine;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.loadIfAbsent();
        engine.runAll();
    }
}
