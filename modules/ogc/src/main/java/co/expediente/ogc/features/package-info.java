/**
 * OGC API – Features (Part 1 core, Part 2 CRS) served by the application from PostGIS: what
 * MapServer 8.0 lacks (it ignores {@code crs} and attribute filters and caps {@code limit}).
 * Collections are the indicators per level (years through {@code datetime}) and the thematic layers.
 */
package co.expediente.ogc.features;
