/**
 * Territory: the territorial units of the Expediente (municipio &gt; comuna/corregimiento &gt;
 * barrio/vereda) in EPSG:9377, their population per year, and the thematic layers the indicators
 * read. The schema lives in Flyway migrations under {@code db/migration}.
 */
package co.expediente.territory;
