/**
 * The import API: {@code POST /api/imports} (multipart upload guarded by a bearer token and an
 * upload limit), {@code GET /api/imports[/{id}]}; the pipeline itself is
 * {@code co.expediente.territory.imports}.
 */
package co.expediente.app.imports;
