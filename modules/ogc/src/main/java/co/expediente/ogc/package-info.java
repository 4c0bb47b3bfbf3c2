/**
 * OGC publication: MapServer 8 serves WMS and WFS from mapfiles that this module generates from
 * the indicator catalogue; MapServer runs as persistent FastCGI workers under lighttpd, and the
 * application proxies {@code /ogc/*} to it so that clients only ever see the public URL.
 */
package co.expediente.ogc;
