/**
 * The application shell: start-up (demo data, first indicator run), error responses
 * (problem+json), start-up failure messages, and the web viewer's static files.
 */
package co.expediente.app;
