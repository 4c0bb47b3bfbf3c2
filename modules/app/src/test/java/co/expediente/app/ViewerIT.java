package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public map viewer at "/" in a real headless Chromium, against the demo municipality: what a
 * citizen sees must be what the API says. Colours are checked on the SVG paths Leaflet draws
 * (each carries {@code data-unit}, the viewer's test hook described in viewer.js).
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; other paths can be given with
 * {@code -Dexpediente.test.chromium=...} and {@code -Dexpediente.test.chromedriver=...}. Selenium
 * Manager is never used (no downloads: the driver and the browser are set explicitly).
 */
class ViewerIT extends IntegrationTest {

    private static final String INDICATOR = "ep_efectivo_hab";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Progress statuses as the viewer names them in Spanish, and their fixed colour-blind-safe colours. */
    private static final Map<String, String> STATUS_ES = Map.of(
            "meta_cumplida", "Meta cumplida", "avance_sustancial", "Avance sustancial",
            "avance_moderado", "Avance moderado", "avance_limitado", "Avance limitado", "deterioro", "Deterioro",
            "linea_base", "Línea base", "sin_dato", "Sin dato");
    private static final Map<String, String> STATUS_COLOURS = Map.of(
            "meta_cumplida", "#0072b2", "avance_sustancial", "#56b4e9", "avance_moderado", "#f0e442",
            "avance_limitado", "#e69f00", "deterioro", "#d55e00", "linea_base", "#cc79a7", "sin_dato", "#9e9e9e");

    /** Selenium 4.31 knows CDP up to v135 and warns about newer Chromium; WebDriver itself is fine. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private static ChromeDriver driver;
    private static Path profile;

    private final ObjectMapper json = new ObjectMapper();
    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        File chromium = new File(System.getProperty("expediente.test.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("expediente.test.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium.canExecute())
                .as("%s: headless browser for the viewer test (apt-get install chromium)", chromium).isTrue();
        assertThat(chromedriver.canExecute())
                .as("%s: WebDriver for the viewer test (apt-get install chromium-driver)", chromedriver).isTrue();
        SELENIUM_LOG.setLevel(Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", chromedriver.getAbsolutePath());
        profile = Files.createTempDirectory("viewer-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=es-CO",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void newPage() {
        wait = new WebDriverWait(driver, WAIT);
        driver.get("about:blank");
    }

    @AfterEach
    void noScriptErrors() {
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(severe).as("errors in the browser console").isEmpty();
    }

    @Test
    void everyBarrioIsFilledWithTheClassColourOfItsValue() {
        open("");
        awaitReady(); // the controls are filled from the API
        choose("indicator", INDICATOR);
        choose("level", "barrio");
        choose("year", "2024");
        awaitMap(INDICATOR, "barrio", 2024);

        JsonNode classes = classes();
        Map<String, JsonNode> values = values("barrio", 2024);
        assertThat(values).hasSize(12);
        assertThat(unitPaths()).as("one path per barrio").hasSize(values.size());
        for (JsonNode v : values.values()) {
            String code = v.get("unitCode").asText();
            assertThat(fillOf(code)).as("fill of barrio %s (value %s)", code, v.get("value"))
                    .isEqualTo(expectedColour(v, classes));
        }

        WebElement legend = driver.findElement(By.id("legend"));
        assertThat(legend.getText())
                .contains("Espacio público efectivo por habitante", "m²/hab", classes.get("method").asText(), "Sin dato");
        assertThat(legend.findElements(By.cssSelector(".legend-classes li")))
                .as("one legend row per class, and one for no data")
                .hasSize(classes.get("colors").size() + 1);
        assertThat(swatchColour(legend.findElement(By.cssSelector("li[data-class='nd'] .swatch"))))
                .isEqualTo(classes.get("noDataColor").asText().toLowerCase(Locale.ROOT));
    }

    @Test
    void barrioWithoutPopulationIsShownAsNoDataIn2025() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2024");
        awaitMap(INDICATOR, "barrio", 2024);
        choose("year", "2025");
        awaitMap(INDICATOR, "barrio", 2025);

        JsonNode classes = classes();
        assertThat(values("barrio", 2025).get("0304").get("value").isNull()).as("the API has no 2025 value for 0304").isTrue();
        assertThat(fillOf("0304")).isEqualTo(classes.get("noDataColor").asText().toLowerCase(Locale.ROOT));
        assertThat(unitPath("0304").getDomAttribute("data-class")).isEqualTo("nd");
        for (JsonNode v : values("barrio", 2025).values()) {
            assertThat(fillOf(v.get("unitCode").asText())).isEqualTo(expectedColour(v, classes));
        }
    }

    @Test
    void switchingYearOrLevelBackRecoloursWithoutRefetchingGeometry() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2023");
        awaitMap(INDICATOR, "barrio", 2023);
        choose("year", "2024");
        awaitMap(INDICATOR, "barrio", 2024);
        choose("level", "comuna");
        awaitMap(INDICATOR, "comuna", 2024);
        choose("level", "barrio");
        choose("year", "2025");
        awaitMap(INDICATOR, "barrio", 2025);

        assertThat(requested("api/units?level=barrio")).as("barrio geometry requests").isEqualTo(1);
        assertThat(requested("api/units?level=comuna")).as("comuna geometry requests").isEqualTo(1);
        assertThat(requested("/values?level=barrio&year=")).as("barrio value requests, one per year").isEqualTo(3);
        JsonNode classes = classes();
        for (JsonNode v : values("barrio", 2025).values()) {
            assertThat(fillOf(v.get("unitCode").asText())).isEqualTo(expectedColour(v, classes));
        }
    }

    @Test
    void clickingABarrioOpensAPopupWithItsValueNumeratorAndDenominator() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2024&lang=es");
        awaitMap(INDICATOR, "barrio", 2024);
        JsonNode api = values("barrio", 2024).get("0102");

        unitPath("0102").click();
        WebElement popup = awaitPopup("0102");
        assertThat(popup.findElement(By.tagName("h2")).getText()).isEqualTo(api.get("unitName").asText());
        String value = field(popup, "value");
        assertThat(value).as("es-CO, two decimals").matches("-?\\d{1,3}(\\.\\d{3})*,\\d{2}");
        assertThat(esCo(value)).isCloseTo(api.get("value").asDouble(), within(0.005));
        assertThat(field(popup, "unit")).isEqualTo("m²/hab");
        assertThat(esCo(field(popup, "numerator"))).isCloseTo(api.get("numerator").asDouble(), within(0.005));
        assertThat(esCo(field(popup, "denominator"))).isCloseTo(api.get("denominator").asDouble(), within(0.005));
        assertThat(field(popup, "year")).isEqualTo("2024");
        wait.until(d -> "1".equals(d.findElement(By.cssSelector(".leaflet-popup")).getCssValue("opacity")));
        saveScreenshot("viewer-popup.png");

        driver.findElement(By.cssSelector(".leaflet-popup-close-button")).click();
        choose("year", "2025");
        awaitMap(INDICATOR, "barrio", 2025);
        unitPath("0304").click();
        WebElement nd = awaitPopup("0304");
        assertThat(nd.getText()).contains("Sin dato");
        assertThat(field(nd, "ndReason")).isEqualTo(values("barrio", 2025).get("0304").get("ndReason").asText());
    }

    @Test
    void unitsCanBeReachedAndOpenedWithTheKeyboard() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2024");
        awaitMap(INDICATOR, "barrio", 2024);
        WebElement path = unitPath("0203");
        assertThat(path.getDomAttribute("tabindex")).isEqualTo("0");
        assertThat(path.getDomAttribute("aria-label")).startsWith(values("barrio", 2024).get("0203").get("unitName").asText());
        path.sendKeys(Keys.ENTER);
        awaitPopup("0203");
        for (String control : List.of("indicator", "level", "year", "wms", "view", "year2", "year-slider", "search")) {
            String id = driver.findElement(By.id(control)).getDomAttribute("id");
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label of #%s", id).hasSize(1);
        }
    }

    @Test
    void aLinkWithAHashRestoresLevelYearLanguageAndColours() {
        open("#indicator=" + INDICATOR + "&level=comuna&year=2023&lang=en");
        awaitMap(INDICATOR, "comuna", 2023);

        assertThat(new Select(driver.findElement(By.id("indicator"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(INDICATOR);
        assertThat(new Select(driver.findElement(By.id("level"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("comuna");
        assertThat(new Select(driver.findElement(By.id("year"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("2023");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.id("legend")).getText()).contains("Effective public space per inhabitant", "No data");

        JsonNode classes = classes();
        Map<String, JsonNode> values = values("comuna", 2023);
        assertThat(unitPaths()).as("one path per comuna").hasSize(3).hasSize(values.size());
        for (JsonNode v : values.values()) {
            assertThat(fillOf(v.get("unitCode").asText())).isEqualTo(expectedColour(v, classes));
        }

        choose("level", "barrio");
        awaitMap(INDICATOR, "barrio", 2023);
        assertThat((String) js("return location.hash;")).as("the state goes back into the link")
                .contains("indicator=" + INDICATOR, "level=barrio", "year=2023", "lang=en");
    }

    @Test
    void thePageLoadsNothingFromOutsideThisServer() {
        open("");
        awaitReady();
        driver.findElement(By.id("wms")).click();
        wait.until(d -> !d.findElements(By.cssSelector(".leaflet-wms-pane img.leaflet-tile-loaded")).isEmpty());

        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) js(
                "return performance.getEntries().filter(e => e.name && /^[a-z]+:/.test(e.name)).map(e => e.name);");
        assertThat(resources).as("resources the page fetched")
                .anyMatch(u -> u.contains("/webjars/leaflet/"))
                .anyMatch(u -> u.contains("/ogc/wms?"))
                .anyMatch(u -> u.contains("/api/units?level="))
                .allMatch(u -> u.startsWith("http://localhost:" + port + "/"), "served by this application");
        List<String> elsewhere = new ArrayList<>();
        for (WebElement e : driver.findElements(By.cssSelector("script[src], link[href], img[src]"))) {
            String src = e.getDomProperty(e.getTagName().equals("link") ? "href" : "src");
            if (src != null && !src.startsWith("data:") && !src.startsWith("http://localhost:" + port + "/")) {
                elsewhere.add(src);
            }
        }
        assertThat(elsewhere).as("elements pointing outside this server").isEmpty();
    }


    // ---- read a place ---------------------------------------------------------------------------

    @Test
    void readAPlace_popupShowsTargetProgressStatusSeriesChartAndTheIndicatorSheet() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2025&lang=es");
        awaitMap(INDICATOR, "barrio", 2025);
        JsonNode api = values("barrio", 2025).get("0103");

        unitPath("0103").click();
        WebElement popup = awaitPopup("0103");
        assertThat(esCo(field(popup, "target"))).isCloseTo(api.get("target").asDouble(), within(0.005));
        WebElement status = popup.findElement(By.cssSelector("[data-field='progressStatus']"));
        assertThat(status.getDomAttribute("data-status")).isEqualTo(api.get("progressStatus").asText());
        assertThat(status.getText()).isEqualTo(STATUS_ES.get(api.get("progressStatus").asText()));

        By chart = By.cssSelector(".leaflet-popup-content .chart svg.sparkline");
        wait.until(d -> !d.findElements(chart).isEmpty());
        JsonNode series = read("/api/indicators/" + INDICATOR + "/series?unit=0103").get("values");
        List<String> years = new ArrayList<>();
        series.forEach(v -> { if (!v.get("value").isNull()) years.add(v.get("year").asText()); });
        WebElement svg = driver.findElement(chart);
        assertThat(svg.getDomAttribute("data-years")).isEqualTo(String.join(",", years));
        assertThat(svg.findElements(By.tagName("circle"))).hasSize(years.size());
        assertThat(svg.getDomAttribute("role")).isEqualTo("img");

        popup.findElement(By.cssSelector("a.sheet-link")).click();
        WebElement dialog = driver.findElement(By.id("sheet-dialog"));
        wait.until(d -> dialog.isDisplayed());
        JsonNode def = read("/api/indicators/" + INDICATOR).get("definition");
        assertThat(field(dialog, "formula")).isEqualTo(def.get("formula").asText());
        assertThat(field(dialog, "definition")).isEqualTo(def.get("definition").asText());
        assertThat(field(dialog, "source")).isEqualTo(def.get("source").asText());
        assertThat(field(dialog, "responsible")).isEqualTo(def.get("responsible").asText());
        assertThat(field(dialog, "notes")).isEqualTo(def.get("notes").asText());
        assertThat(field(dialog, "unit")).isEqualTo("m²/hab");
        assertThat(field(dialog, "baseline")).contains("9,7", "2023");
        assertThat(field(dialog, "targets")).contains("2027", "2031", "2035", "corto plazo");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(d -> !dialog.isDisplayed());
    }

    // ---- see the transformation -----------------------------------------------------------------

    @Test
    void seeTheTransformation_yearSliderAndPlayMoveThroughTheYears() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2023");
        awaitMap(INDICATOR, "barrio", 2023);
        WebElement slider = driver.findElement(By.id("year-slider"));
        assertThat(slider.getDomAttribute("max")).isEqualTo("2");
        slider.sendKeys(Keys.ARROW_RIGHT);
        awaitMap(INDICATOR, "barrio", 2024);
        assertThat((String) js("return location.hash;")).contains("year=2024");

        WebElement play = driver.findElement(By.id("play"));
        play.click();
        assertThat(play.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(play.getText()).isEqualTo("Pausar");
        awaitMap(INDICATOR, "barrio", 2025);
        play.click();
        assertThat(play.getDomAttribute("aria-pressed")).isEqualTo("false");
        int year = ((Number) js("return window.expediente.state.year;")).intValue();
        JsonNode classes = classes();
        awaitReady();
        for (JsonNode v : values("barrio", year).values()) {
            assertThat(fillOf(v.get("unitCode").asText())).isEqualTo(expectedColour(v, classes));
        }
    }

    @Test
    void seeTheTransformation_compareViewShowsTwoSynchronizedMapsEachWithItsYear() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2025&view=comparar&year2=2023");
        awaitMap(INDICATOR, "barrio", 2025);
        assertThat(driver.findElement(By.id("map2")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.cssSelector("#map .year-badge")).getText()).isEqualTo("2025");
        assertThat(driver.findElement(By.cssSelector("#map2 .year-badge")).getText()).isEqualTo("2023");

        JsonNode classes = classes();
        for (JsonNode v : values("barrio", 2025).values()) {
            assertThat(fillOf(v.get("unitCode").asText())).as("left map, 2025").isEqualTo(expectedColour(v, classes));
        }
        for (JsonNode v : values("barrio", 2023).values()) {
            String code = v.get("unitCode").asText();
            assertThat(driver.findElement(By.cssSelector("#map2 path[data-unit='" + code + "']")).getDomAttribute("fill")
                    .toLowerCase(Locale.ROOT)).as("right map, 2023, %s", code).isEqualTo(expectedColour(v, classes));
        }
        saveScreenshot("viewer-compare.png");

        double before = zoomOf(0);
        assertThat(zoomOf(1)).as("both maps start at the same zoom").isEqualTo(before);
        driver.findElement(By.cssSelector("#map .leaflet-control-zoom-in")).click();
        wait.until(d -> zoomOf(0) > before && zoomOf(1) == zoomOf(0));

        choose("year2", "2024");
        awaitMap(INDICATOR, "barrio", 2025);
        wait.until(d -> "2024".equals(d.findElement(By.cssSelector("#map2 .year-badge")).getText()));
        assertThat((String) js("return location.hash;")).contains("view=comparar", "year2=2024", "year=2025");
        choose("view", "mapa");
        awaitMap(INDICATOR, "barrio", 2025);
        assertThat(driver.findElement(By.id("map2")).isDisplayed()).isFalse();
    }

    @Test
    void seeTheTransformation_changeViewColoursEachBarrioByTheDifferenceBetweenTheYears() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2025&view=cambio&year2=2023");
        awaitMap(INDICATOR, "barrio", 2025);
        Map<String, JsonNode> now = values("barrio", 2025);
        Map<String, JsonNode> then = values("barrio", 2023);
        int up = 0;
        int down = 0;
        for (String code : now.keySet()) {
            JsonNode a = now.get(code).get("value");
            JsonNode b = then.get(code).get("value");
            WebElement path = unitPath(code);
            if (a.isNull() || b.isNull()) {
                assertThat(path.getDomAttribute("data-class")).isEqualTo("nd");
                assertThat(fillOf(code)).isEqualTo("#9e9e9e");
                continue;
            }
            double diff = a.asDouble() - b.asDouble();
            assertThat(Double.parseDouble(path.getDomAttribute("data-change"))).as("change of %s", code)
                    .isCloseTo(diff, within(1e-9));
            if (Math.abs(diff) < 1e-9) {
                assertThat(fillOf(code)).isEqualTo("#f5f5f5");
            } else if (diff > 0) {
                up++;
                assertThat(fillOf(code)).as("increase in %s", code).isIn("#80cdc1", "#018571");
            } else {
                down++;
                assertThat(fillOf(code)).as("decrease in %s", code).isIn("#a6611a", "#dfc27d");
            }
        }
        assertThat(up).as("barrios that gained public space").isPositive();
        assertThat(down).as("barrios that lost public space per inhabitant").isPositive();
        // San Isidro (0104) gained public space between 2023 and 2025
        assertThat(now.get("0104").get("value").asDouble()).isGreaterThan(then.get("0104").get("value").asDouble());
        assertThat(fillOf("0104")).isIn("#80cdc1", "#018571");
        WebElement legend = driver.findElement(By.id("legend"));
        assertThat(legend.getDomAttribute("data-legend")).isEqualTo("cambio");
        assertThat(legend.findElement(By.cssSelector("[data-field='years']")).getText()).contains("2023", "2025");
        assertThat(legend.findElements(By.cssSelector(".legend-classes li"))).hasSize(6);
        assertThat((String) js("return location.hash;")).contains("view=cambio", "year2=2023");
    }

    @Test
    void seeTheTransformation_progressViewColoursUnitsByProgressStatus() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2025&view=avance");
        awaitMap(INDICATOR, "barrio", 2025);
        for (JsonNode v : values("barrio", 2025).values()) {
            String code = v.get("unitCode").asText();
            String status = v.get("progressStatus").isNull() ? "sin_dato" : v.get("progressStatus").asText();
            assertThat(unitPath(code).getDomAttribute("data-status")).as("status of %s", code).isEqualTo(status);
            assertThat(fillOf(code)).as("fill of %s (%s)", code, status).isEqualTo(STATUS_COLOURS.get(status));
        }
        WebElement legend = driver.findElement(By.id("legend"));
        assertThat(legend.getDomAttribute("data-legend")).isEqualTo("avance");
        for (String label : STATUS_ES.values()) {
            assertThat(legend.getText()).contains(label);
        }
        for (Map.Entry<String, String> e : STATUS_COLOURS.entrySet()) {
            assertThat(swatchColour(legend.findElement(By.cssSelector("li[data-class='" + e.getKey() + "'] .swatch"))))
                    .isEqualTo(e.getValue());
        }
        saveScreenshot("viewer-progress.png");
    }

    // ---- context layers -------------------------------------------------------------------------

    @Test
    void contextLayers_thematicWmsOverlaysWithSpanishTitlesOpacityAndLegends() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2025");
        awaitMap(INDICATOR, "barrio", 2025);
        WebElement panel = driver.findElement(By.id("layers-panel"));
        panel.findElement(By.tagName("summary")).click();
        List<WebElement> boxes = panel.findElements(By.cssSelector("input[type='checkbox'][data-layer]"));
        assertThat(boxes).hasSize(12);
        for (WebElement box : boxes) {
            assertThat(panel.findElements(By.cssSelector("label[for='" + box.getDomAttribute("id") + "']"))).hasSize(1);
        }
        WebElement label = panel.findElement(By.cssSelector("label[for='layer-zonas_amenaza']"));
        assertThat(label.getText()).isEqualTo("Zonas de amenaza");
        label.click();
        awaitReady();
        wait.until(d -> !d.findElements(By.cssSelector(".leaflet-wms-pane img.leaflet-tile-loaded")).isEmpty());
        WebElement legend = panel.findElement(By.cssSelector("img[data-legend='zonas_amenaza']"));
        wait.until(d -> legend.isDisplayed()
                && ((Number) js("return arguments[0].naturalWidth;", legend)).intValue() > 0);
        assertThat(legend.getDomAttribute("src")).contains("REQUEST=GetLegendGraphic", "LAYER=zonas_amenaza");
        assertThat((String) js("return location.hash;")).contains("layers=zonas_amenaza");

        js("const r = document.getElementById('layer-opacity'); r.value = '40'; r.dispatchEvent(new Event('input'));");
        wait.until(d -> "0.4".equals(js("return document.querySelector('.leaflet-wms-pane .leaflet-layer').style.opacity;")));
        assertThat((String) js("return location.hash;")).contains("opacity=0.4");
    }

    // ---- find and share -------------------------------------------------------------------------

    @Test
    void findAndShare_searchFindsLaQuebradaZoomsToItAndOpensIt() {
        open("#indicator=" + INDICATOR + "&level=comuna&year=2025");
        awaitMap(INDICATOR, "comuna", 2025);
        WebElement search = driver.findElement(By.id("search"));
        search.click();
        wait.until(d -> d.findElements(By.cssSelector("#unit-names option")).size() == 15);
        search.sendKeys("la quebrada", Keys.ENTER);
        WebElement popup = awaitPopup("0103");
        assertThat(popup.findElement(By.tagName("h2")).getText()).isEqualTo("La Quebrada");
        awaitMap(INDICATOR, "barrio", 2025);
        assertThat((String) js("return location.hash;")).contains("level=barrio");
    }

    @Test
    void findAndShare_theLinkKeepsTheMapPosition() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2024");
        awaitMap(INDICATOR, "barrio", 2024);
        wait.until(d -> ((String) js("return location.hash;")).contains("at="));
        double zoom = zoomOf(0);
        driver.findElement(By.cssSelector("#map .leaflet-control-zoom-in")).click();
        wait.until(d -> zoomOf(0) > zoom);
        wait.until(d -> ((String) js("return location.hash;")).contains("," + (int) zoomOf(0)));
        String hash = (String) js("return location.hash;");
        double zoomedIn = zoomOf(0);

        driver.get("about:blank");
        open(hash);
        awaitMap(INDICATOR, "barrio", 2024);
        assertThat(zoomOf(0)).as("zoom restored from the link %s", hash).isEqualTo(zoomedIn);
        assertThat((String) js("return location.hash;")).isEqualTo(hash);
    }

    @Test
    void findAndShare_embedSnippetDownloadsAndPrint() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2024&view=avance");
        awaitMap(INDICATOR, "barrio", 2024);
        driver.findElement(By.id("embed")).click();
        WebElement dialog = driver.findElement(By.id("embed-dialog"));
        wait.until(d -> dialog.isDisplayed());
        String snippet = driver.findElement(By.id("embed-code")).getDomProperty("value");
        String hash = (String) js("return location.hash;");
        assertThat(hash).contains("view=avance", "year=2024");
        assertThat(snippet).startsWith("<iframe src=\"" + url("/"))
                .contains(hash.replace("&", "&amp;"))
                .contains("title=\"", "</iframe>");
        dialog.findElement(By.cssSelector(".dialog-close button")).click();
        wait.until(d -> !dialog.isDisplayed());

        String csv = driver.findElement(By.id("dl-csv")).getDomProperty("href");
        String geojson = driver.findElement(By.id("dl-geojson")).getDomProperty("href");
        assertThat(csv).isEqualTo(url("/api/indicators/" + INDICATOR + "/values.csv?level=barrio&year=2024"));
        assertThat(geojson).isEqualTo(url("/api/indicators/" + INDICATOR + "/values.geojson?level=barrio&year=2024"));
        assertThat(get(csv.substring(csv.indexOf("/api/"))).statusCode()).isEqualTo(200);
        assertThat(get(geojson.substring(geojson.indexOf("/api/"))).statusCode()).isEqualTo(200);

        js("window.__printed = 0; window.print = () => window.__printed++;");
        driver.findElement(By.id("print")).click();
        assertThat(((Number) js("return window.__printed;")).intValue()).isEqualTo(1);
        assertThat(driver.findElements(By.cssSelector("link[rel='stylesheet'][media='print']"))).hasSize(1);
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.id("controls")).isDisplayed()).as("no controls on paper").isFalse();
            assertThat(driver.findElement(By.cssSelector("#map .leaflet-control-zoom")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("map")).getSize().getHeight()).isGreaterThan(300);
            assertThat(driver.findElement(By.id("legend")).isDisplayed()).isTrue();
            assertThat(unitPaths()).hasSize(12);
            saveScreenshot("viewer-print.png");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    // ---- for everyone ---------------------------------------------------------------------------

    @Test
    void forEveryone_tableListsTheSameValuesAsTheMap() {
        open("#indicator=" + INDICATOR + "&level=barrio&year=2024");
        awaitMap(INDICATOR, "barrio", 2024);
        WebElement toggle = driver.findElement(By.id("table-toggle"));
        toggle.sendKeys(Keys.ENTER);
        awaitReady();
        WebElement table = driver.findElement(By.cssSelector("#data-table-panel table"));
        wait.until(d -> table.isDisplayed());
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(table.findElement(By.tagName("caption")).getText()).contains("Espacio público efectivo por habitante", "2024");
        assertThat(table.findElements(By.cssSelector("thead th[scope='col']"))).hasSizeGreaterThan(4);
        Map<String, JsonNode> values = values("barrio", 2024);
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(values.size());
        for (WebElement row : rows) {
            JsonNode v = values.get(row.getDomAttribute("data-unit"));
            assertThat(row.findElement(By.cssSelector("th[scope='row']")).getText()).isEqualTo(v.get("unitName").asText());
            if (v.get("value").isNull()) {
                assertThat(field(row, "value")).isEqualTo("Sin dato");
            } else {
                assertThat(esCo(field(row, "value"))).isCloseTo(v.get("value").asDouble(), within(0.005));
            }
            assertThat(field(row, "progressStatus")).isEqualTo(STATUS_ES.get(
                    v.get("progressStatus").isNull() ? "sin_dato" : v.get("progressStatus").asText()));
        }
        assertThat((String) js("return location.hash;")).contains("table=1");
        saveScreenshot("viewer-table.png");
        toggle.click();
        wait.until(d -> !d.findElement(By.id("data-table-panel")).isDisplayed());
    }

    @Test
    void forEveryone_worksAtPhoneWidth() {
        Dimension size = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            open("#indicator=" + INDICATOR + "&level=barrio&year=2025&view=avance");
            awaitMap(INDICATOR, "barrio", 2025);
            long viewport = (Long) js("return document.documentElement.clientWidth;");
            assertThat(viewport).isLessThanOrEqualTo(390);
            assertThat((Long) js("return document.documentElement.scrollWidth;")).as("no horizontal scrolling")
                    .isLessThanOrEqualTo(viewport);
            assertThat(driver.findElement(By.id("map")).getSize().getHeight()).as("the map keeps most of the screen")
                    .isGreaterThan(400);
            assertThat(driver.findElement(By.id("search")).isDisplayed()).as("folded on a phone").isFalse();
            WebElement more = driver.findElement(By.id("more-options"));
            more.click();
            assertThat(more.getDomAttribute("aria-expanded")).isEqualTo("true");
            assertThat(driver.findElement(By.id("search")).isDisplayed()).isTrue();
            for (String id : List.of("indicator", "level", "year", "view", "search", "table-toggle", "embed", "print")) {
                WebElement e = driver.findElement(By.id(id));
                assertThat(e.getRect().getX() + e.getRect().getWidth()).as("#%s fits", id).isLessThanOrEqualTo((int) viewport);
            }
            assertThat((Long) js("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(viewport);
            more.click();
            awaitReady();
            saveScreenshot("viewer-phone.png");
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void open(String hash) {
        driver.get(url("/") + hash);
    }

    private void choose(String select, String value) {
        new Select(driver.findElement(By.id(select))).selectByValue(value);
    }

    private void awaitReady() {
        wait.until(d -> Boolean.TRUE.equals(js("return !!window.expediente && window.expediente.ready;")));
    }

    private void awaitMap(String indicator, String level, int year) {
        wait.withMessage(() -> "map showing " + indicator + "/" + level + "/" + year + "; status: "
                        + driver.findElement(By.id("status")).getText())
                .until(d -> Boolean.TRUE.equals(js("""
                        const e = window.expediente;
                        return !!e && e.ready && e.state.indicator === arguments[0]
                            && e.state.level === arguments[1] && e.state.year === arguments[2];""",
                        indicator, level, year)));
    }

    private WebElement awaitPopup(String unitCode) {
        By popup = By.cssSelector(".leaflet-popup-content .unit-popup[data-unit='" + unitCode + "']");
        // displayed: the popup may still be panning into view
        wait.until(d -> !d.findElements(popup).isEmpty()
                && d.findElement(popup).findElement(By.tagName("h2")).isDisplayed());
        return driver.findElement(popup);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private long requested(String fragment) {
        return (Long) js("return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length;",
                fragment);
    }

    /** Zoom of the main map (0) or of the comparison map (1), from the viewer's test hook. */
    private double zoomOf(int map) {
        return ((Number) js("const v = window.expediente.views; return v.length > arguments[0] ? v[arguments[0]].zoom : -1;",
                map)).doubleValue();
    }

    private List<WebElement> unitPaths() {
        return driver.findElements(By.cssSelector("#map path[data-unit]"));
    }

    private WebElement unitPath(String code) {
        return driver.findElement(By.cssSelector("#map path[data-unit='" + code + "']"));
    }

    private String fillOf(String code) {
        return unitPath(code).getDomAttribute("fill").toLowerCase(Locale.ROOT);
    }

    private String swatchColour(WebElement swatch) {
        String rgb = swatch.getCssValue("background-color"); // rgba(158, 158, 158, 1)
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        return String.format("#%02x%02x%02x", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]));
    }

    private static String field(WebElement popup, String name) {
        return popup.findElement(By.cssSelector("[data-field='" + name + "']")).getText().trim();
    }

    /** Parses a number as es-CO writes it: "15.000", "2,77". */
    private static double esCo(String text) {
        return Double.parseDouble(text.replace("\u00a0", "").replace(".", "").replace(',', '.'));
    }

    private JsonNode classes() {
        return read("/api/indicators/" + INDICATOR).get("definition").get("classes");
    }

    private Map<String, JsonNode> values(String level, int year) {
        Map<String, JsonNode> byUnit = new HashMap<>();
        read("/api/indicators/" + INDICATOR + "/values?level=" + level + "&year=" + year).get("values")
                .forEach(v -> byUnit.put(v.get("unitCode").asText(), v));
        return byUnit;
    }

    /** The class colour for an API value: class i = number of breaks (lower bounds) that are <= value. */
    private static String expectedColour(JsonNode value, JsonNode classes) {
        JsonNode v = value.get("value");
        if (v == null || v.isNull()) {
            return classes.get("noDataColor").asText().toLowerCase(Locale.ROOT);
        }
        int i = 0;
        for (JsonNode b : classes.get("breaks")) {
            if (b.asDouble() <= v.asDouble()) {
                i++;
            }
        }
        return classes.get("colors").get(i).asText().toLowerCase(Locale.ROOT);
    }

    private JsonNode read(String path) {
        var response = get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveScreenshot(String name) {
        try {
            Path target = Path.of("target", name);
            Files.createDirectories(target.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
