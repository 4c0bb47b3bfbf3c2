/**
 * Indicators: declarative definitions (one YAML "ficha técnica" per indicator under
 * {@code indicators/}) and the engine that computes them in PostGIS for every unit and year,
 * summing numerators and denominators up the unit hierarchy.
 */
package co.expediente.indicators;
