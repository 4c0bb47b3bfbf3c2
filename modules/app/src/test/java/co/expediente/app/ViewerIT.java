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
        for (String control : List.of("indicator", "level", "year", "wms")) {
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
        wait.until(d -> !d.findElements(popup).isEmpty());
        return driver.findElement(popup);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private long requested(String fragment) {
        return (Long) js("return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length;",
                fragment);
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
