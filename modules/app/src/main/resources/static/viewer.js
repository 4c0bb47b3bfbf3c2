/*
 * Expediente · public map viewer.
 *
 * Plain JavaScript over Leaflet 1.9.4 (served from its webjar), no build step, no framework, and
 * nothing loaded from outside this application: there is no online base map, so the viewer works
 * on a closed municipal network.
 *
 * Data flow: the geometry of a level is fetched once (api/units?level=...) and kept as one Leaflet
 * GeoJSON layer per map; indicator values travel separately (api/indicators/{code}/values) and only
 * re-colour that layer, so switching year, indicator or view never refetches geometry. The state
 * (indicator, level, year, lang, wms, view=mapa|comparar|cambio|avance, year2, layers, opacity,
 * table, at=lat,lng,zoom) lives in the URL hash, so a link or an embedded <iframe> restores the same map.
 *
 * Views: "mapa" colours by the indicator's classes; "comparar" shows a second, synchronized map
 * (#map2) with year2; "cambio" colours value(year) − value(year2) with a diverging palette;
 * "avance" colours progressStatus with fixed colour-blind-safe colours. "Tabla" shows the same
 * values as an HTML table (the data alternative to the map).
 *
 * Read-only hook for end-to-end tests (ViewerIT) — kept small on purpose, nothing else relies on it:
 *   - every unit's SVG path carries data-unit="<unit code>" and data-class="<class index>" or "nd"
 *     ("chg-0".."chg-4" in the change view, plus data-change="<difference>"; the status in the
 *     progress view, plus data-status="<progressStatus>"); #map2's paths carry data-unit too;
 *   - window.expediente = {
 *       ready,           // true once the map shows exactly `state`; false while loading
 *       state,           // a copy of the state above
 *       timings,         // {firstMap, lastRender}: performance.now() when the first / last map was drawn
 *       views,           // [{zoom, lat, lng}] of the main map and, when comparing, of the second map
 *       colourOf(code)   // fill colour currently drawn for that unit (e.g. "#78c679"), or null
 *     }
 */
(function () {
  'use strict';

  var I18N = {
    es: {
      locale: 'es-CO',
      title: 'Expediente Municipal',
      skipToMap: 'Ir al mapa',
      controlsLabel: 'Opciones del mapa',
      indicator: 'Indicador',
      level: 'Nivel territorial',
      levelComuna: 'Comuna',
      levelBarrio: 'Barrio',
      year: 'Año',
      wmsOverlay: 'Espacio público (WMS)',
      langButton: 'English',
      langButtonLang: 'en',
      langHint: 'Switch the viewer to English',
      mapLabel: 'Mapa de indicadores',
      mapHelp: 'Use Tab para recorrer las unidades territoriales y Enter para ver su valor; las flechas desplazan el mapa y + / − cambian el acercamiento.',
      loading: 'Cargando…',
      loadError: 'No se pudieron cargar los datos: ',
      wmsError: 'No se pudo cargar la capa de espacio público (WMS).',
      noIndicators: 'No hay indicadores publicados.',
      noYears: 'Este indicador aún no tiene valores calculados.',
      unitOfMeasure: 'Unidad de medida',
      method: 'Método de clasificación',
      noData: 'Sin dato',
      noValueForUnit: 'Sin valor calculado para esta unidad en este año.',
      lessThan: 'Menos de',
      orMore: 'o más',
      unitsCount: function (n) { return n === 1 ? '1 unidad' : n + ' unidades'; },
      numerator: 'Numerador',
      denominator: 'Denominador',
      value: 'Valor',
      sheet: 'Ficha técnica',
      definition: 'Definición',
      formula: 'Fórmula',
      standard: 'Estándar',
      baseline: 'Línea base',
      targets: 'Metas',
      source: 'Fuente',
      responsible: 'Responsable',
      horizon: { corto: 'corto plazo', mediano: 'mediano plazo', largo: 'largo plazo' },
      kinds: { municipio: 'Municipio', comuna: 'Comuna', corregimiento: 'Corregimiento', barrio: 'Barrio', vereda: 'Vereda' },
      wmsLegend: 'Espacio público vigente (WMS)',
      yearCaption: 'Año',
      moreOptions: 'Más opciones', fewerOptions: 'Menos opciones',
      view: 'Vista', viewMapa: 'Mapa', viewComparar: 'Comparar', viewCambio: 'Cambio', viewAvance: 'Avance',
      year2: 'Comparar con', yearSlider: 'Recorrer años', play: 'Reproducir', pause: 'Pausar',
      search: 'Buscar barrio o comuna', searchPlaceholder: 'Nombre…', searchNotFound: 'No se encontró: ',
      toolbarLabel: 'Datos y compartir', tableButton: 'Tabla', embedButton: 'Insertar', downloadCsv: 'CSV',
      downloadGeojson: 'GeoJSON', printButton: 'Imprimir', close: 'Cerrar', embedTitle: 'Insertar este mapa',
      embedHelp: 'Copie este código en la página web del municipio; muestra el mapa tal como se ve ahora.',
      embedCode: 'Código para insertar', copy: 'Copiar', copied: 'Copiado.', map2Label: 'Mapa del año de comparación',
      target: 'Meta', progress: 'Avance hacia la meta', progressStatus: 'Estado de avance', series: 'Serie',
      seriesTitle: function (name, unit) { return 'Evolución de ' + name + ' (' + unit + ')'; },
      notes: 'Notas', unitHeader: 'Unidad', parentHeader: 'Comuna',
      tableCaption: function (name, level, year) { return name + ' por ' + level + ', ' + year; },
      levelPlural: { comuna: 'comuna', barrio: 'barrio' },
      changeTitle: function (y1, y2) { return 'Cambio entre ' + y2 + ' y ' + y1 + ' (' + y1 + ' − ' + y2 + ')'; },
      changeNone: 'Sin cambio', changeDown: 'Disminuye', changeUp: 'Aumenta', upTo: 'hasta', moreThan: 'más de',
      progressTitle: function (y) { return 'Avance hacia la meta en ' + y; },
      progressMethod: 'Colores fijos por estado de avance respecto a la línea base y la meta',
      status: { meta_cumplida: 'Meta cumplida', avance_sustancial: 'Avance sustancial', avance_moderado: 'Avance moderado',
        avance_limitado: 'Avance limitado', deterioro: 'Deterioro', linea_base: 'Línea base', sin_dato: 'Sin dato' },
      layersTitle: 'Capas de contexto', opacity: 'Opacidad', layerLegend: 'Leyenda de ',
      wmsTitles: { espacio_publico: 'Espacio público', zonas_amenaza: 'Zonas de amenaza', transporte_masivo_lineas: 'Transporte masivo: líneas',
        transporte_masivo_estaciones: 'Transporte masivo: estaciones', ciclorrutas: 'Ciclorrutas', jerarquia_vial: 'Jerarquía vial',
        viviendas: 'Viviendas', proyectos_vivienda: 'Proyectos de vivienda', equipamientos: 'Equipamientos',
        clasificacion_suelo: 'Clasificación del suelo', tratamientos: 'Tratamientos urbanísticos', centralidades: 'Centralidades' }
    },
    en: {
      locale: 'en',
      title: 'Expediente Municipal',
      skipToMap: 'Skip to map',
      controlsLabel: 'Map options',
      indicator: 'Indicator',
      level: 'Territorial level',
      levelComuna: 'Comuna (district)',
      levelBarrio: 'Barrio (neighbourhood)',
      year: 'Year',
      wmsOverlay: 'Public space (WMS)',
      langButton: 'Español',
      langButtonLang: 'es',
      langHint: 'Cambiar el visor a español',
      mapLabel: 'Indicator map',
      mapHelp: 'Use Tab to go through the territorial units and Enter to see their value; arrow keys pan the map and + / − zoom.',
      loading: 'Loading…',
      loadError: 'Could not load the data: ',
      wmsError: 'Could not load the public space layer (WMS).',
      noIndicators: 'No indicators are published.',
      noYears: 'This indicator has no computed values yet.',
      unitOfMeasure: 'Unit of measure',
      method: 'Classification method',
      noData: 'No data',
      noValueForUnit: 'No value computed for this unit in this year.',
      lessThan: 'Less than',
      orMore: 'or more',
      unitsCount: function (n) { return n === 1 ? '1 unit' : n + ' units'; },
      numerator: 'Numerator',
      denominator: 'Denominator',
      value: 'Value',
      sheet: 'Indicator sheet',
      definition: 'Definition',
      formula: 'Formula',
      standard: 'Standard',
      baseline: 'Baseline',
      targets: 'Targets',
      source: 'Source',
      responsible: 'Responsible office',
      horizon: { corto: 'short term', mediano: 'medium term', largo: 'long term' },
      kinds: { municipio: 'Municipality', comuna: 'Comuna', corregimiento: 'Corregimiento', barrio: 'Barrio', vereda: 'Vereda' },
      wmsLegend: 'Current public space (WMS)',
      yearCaption: 'Year',
      moreOptions: 'More options', fewerOptions: 'Fewer options',
      view: 'View', viewMapa: 'Map', viewComparar: 'Compare', viewCambio: 'Change', viewAvance: 'Progress',
      year2: 'Compare with', yearSlider: 'Go through years', play: 'Play', pause: 'Pause',
      search: 'Find a barrio or comuna', searchPlaceholder: 'Name…', searchNotFound: 'Not found: ',
      toolbarLabel: 'Data and sharing', tableButton: 'Table', embedButton: 'Embed', downloadCsv: 'CSV',
      downloadGeojson: 'GeoJSON', printButton: 'Print', close: 'Close', embedTitle: 'Embed this map',
      embedHelp: 'Paste this code in the municipal web site; it shows the map as it looks now.',
      embedCode: 'Embed code', copy: 'Copy', copied: 'Copied.', map2Label: 'Map of the comparison year',
      target: 'Target', progress: 'Progress to target', progressStatus: 'Progress status', series: 'Series',
      seriesTitle: function (name, unit) { return 'Trend of ' + name + ' (' + unit + ')'; },
      notes: 'Notes', unitHeader: 'Unit', parentHeader: 'Comuna',
      tableCaption: function (name, level, year) { return name + ' by ' + level + ', ' + year; },
      levelPlural: { comuna: 'comuna', barrio: 'barrio' },
      changeTitle: function (y1, y2) { return 'Change between ' + y2 + ' and ' + y1 + ' (' + y1 + ' − ' + y2 + ')'; },
      changeNone: 'No change', changeDown: 'Decreases', changeUp: 'Increases', upTo: 'up to', moreThan: 'more than',
      progressTitle: function (y) { return 'Progress to target in ' + y; },
      progressMethod: 'Fixed colours per progress status against the baseline and target',
      status: { meta_cumplida: 'Target met', avance_sustancial: 'Substantial progress', avance_moderado: 'Moderate progress',
        avance_limitado: 'Limited progress', deterioro: 'Worsening', linea_base: 'Baseline', sin_dato: 'No data' },
      layersTitle: 'Context layers', opacity: 'Opacity', layerLegend: 'Legend of ',
      wmsTitles: { espacio_publico: 'Public space', zonas_amenaza: 'Hazard zones', transporte_masivo_lineas: 'Mass transit: lines',
        transporte_masivo_estaciones: 'Mass transit: stations', ciclorrutas: 'Cycle paths', jerarquia_vial: 'Road hierarchy',
        viviendas: 'Housing', proyectos_vivienda: 'Housing projects', equipamientos: 'Facilities',
        clasificacion_suelo: 'Land classification', tratamientos: 'Urban treatments', centralidades: 'Centralities' }
    }
  };
  var LEVELS = ['comuna', 'barrio'];
  var VIEWS = ['mapa', 'comparar', 'cambio', 'avance'];
  var WMS_LAYERS = ['espacio_publico', 'zonas_amenaza', 'transporte_masivo_lineas', 'transporte_masivo_estaciones',
    'ciclorrutas', 'jerarquia_vial', 'viviendas', 'proyectos_vivienda', 'equipamientos', 'clasificacion_suelo',
    'tratamientos', 'centralidades'];
  var BASE_STYLE = { color: '#4a4a4a', weight: 1, opacity: 1, fillOpacity: 0.85 };
  /** Progress status colours: fixed, ordered blue → orange (Okabe–Ito), readable with colour blindness. */
  var STATUS_ORDER = ['meta_cumplida', 'avance_sustancial', 'avance_moderado', 'avance_limitado', 'deterioro', 'linea_base', 'sin_dato'];
  var STATUS_COLOURS = {
    meta_cumplida: '#0072b2', avance_sustancial: '#56b4e9', avance_moderado: '#f0e442', avance_limitado: '#e69f00',
    deterioro: '#d55e00', linea_base: '#cc79a7', sin_dato: '#9e9e9e'
  };
  /** Change classes: ColorBrewer BrBG (colour-blind safe, diverging): down strong, down, none, up, up strong. */
  var CHANGE_COLOURS = ['#a6611a', '#dfc27d', '#f5f5f5', '#80cdc1', '#018571'];
  var NO_DATA = '#9e9e9e';

  // ---- state --------------------------------------------------------------------------------

  var state = {
    indicator: null, level: 'barrio', year: null, lang: 'es', wms: false,
    view: 'mapa', year2: null, layers: [], opacity: 0.8, table: false,
    at: null                      // "lat,lng,zoom" of the map once drawn, so a link shows the same place
  };
  var shownAt = null;             // the `at` the map currently shows
  var ready = false;
  var renderToken = 0;
  var timings = { start: performance.now(), firstMap: null, lastRender: null };

  var indicators = [];            // api/indicators
  var sheets = {};                // code -> api/indicators/{code}
  var collections = {};           // level -> Promise of the GeoJSON FeatureCollection (fetched once)
  var geometry = {};              // level -> Promise of L.GeoJSON layer for the main map
  var geometry2 = {};             // level -> Promise of L.GeoJSON layer for the comparison map
  var valueCache = {};            // "code|level|year" -> Promise of {unitCode -> value row}
  var seriesCache = {};           // "code|unit" -> Promise of [value rows]
  var seriesData = {};            // "code|unit" -> [value rows] once loaded
  var current = { layer: null, layer2: null, values: {}, values2: {}, sheet: null, years: [], change: null };

  var map, map2 = null, wmsLayers = {}, legendControl, layersControl, openPopup = null;
  var yearBadge, yearBadge2;
  var legendOpen = true;
  var playTimer = null;
  var pendingUnit = null;         // unit code to zoom to and open once the map is ready (search)
  var searchIndex = null;         // Promise of [{code, name, level, kind, parentName}]
  var layersPanelLang = null;
  var syncing = false;
  var el = {};

  function t(key) { return I18N[state.lang][key]; }

  // ---- small helpers ------------------------------------------------------------------------

  function escapeHtml(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function fmt(value, decimals) {
    if (value == null || isNaN(value)) return '—';
    var opts = decimals == null
      ? { maximumFractionDigits: 2 }
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    return new Intl.NumberFormat(t('locale'), opts).format(value);
  }

  function fmtSigned(value) {
    if (value == null || isNaN(value)) return '—';
    return (value > 0 ? '+' : '') + fmt(value, 2);
  }

  function fmtPercent(value) {
    if (value == null || isNaN(value)) return '—';
    return new Intl.NumberFormat(t('locale'), { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }

  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json, application/geo+json' } }).then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          throw new Error(body.detail || (r.status + ' ' + r.statusText));
        });
      }
      return r.json();
    });
  }

  function setStatus(text, isError) {
    el.status.textContent = text || '';
    el.status.classList.toggle('visible', !!text);
    el.status.classList.toggle('error', !!isError);
  }

  /** Class index of a value: the number of breaks (lower bounds of classes 1..n) that are <= value. */
  function classOf(value, classes) {
    if (value == null) return null;
    var i = 0;
    (classes.breaks || []).forEach(function (b) { if (b <= value) i++; });
    return Math.min(i, classes.colors.length - 1);
  }

  function colourFor(row, classes) {
    var c = row ? classOf(row.value, classes) : null;
    return c == null ? classes.noDataColor : classes.colors[c];
  }

  function hasValue(row) { return !!row && row.value != null; }

  function needsYear2() { return state.view === 'comparar' || state.view === 'cambio'; }

  function statusOf(row) {
    var s = row && row.progressStatus;
    return STATUS_COLOURS[s] ? s : 'sin_dato';
  }

  /** Change between the two years of a unit: value(year) − value(year2), or null. */
  function changeOf(code) {
    var a = current.values[code], b = current.values2[code];
    return hasValue(a) && hasValue(b) ? a.value - b.value : null;
  }

  /** Change class 0..4: strong decrease, decrease, no change, increase, strong increase (half of the largest change). */
  function changeClass(d) {
    if (d == null) return null;
    var m = current.change ? current.change.max : 0;
    if (Math.abs(d) < 1e-9) return 2;
    if (d < 0) return d < -m / 2 ? 0 : 1;
    return d > m / 2 ? 4 : 3;
  }

  function computeChange() {
    var max = 0;
    Object.keys(current.values).forEach(function (code) {
      var d = changeOf(code);
      if (d != null) max = Math.max(max, Math.abs(d));
    });
    current.change = { max: max };
  }

  // ---- URL hash ------------------------------------------------------------------------------

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var s = {};
    if (p.get('indicator')) s.indicator = p.get('indicator');
    if (LEVELS.indexOf(p.get('level')) >= 0) s.level = p.get('level');
    if (/^\d{4}$/.test(p.get('year') || '')) s.year = parseInt(p.get('year'), 10);
    if (I18N[p.get('lang')]) s.lang = p.get('lang');
    if (p.has('wms')) s.wms = p.get('wms') === '1';
    if (VIEWS.indexOf(p.get('view')) >= 0) s.view = p.get('view');
    if (/^\d{4}$/.test(p.get('year2') || '')) s.year2 = parseInt(p.get('year2'), 10);
    if (p.has('layers')) {
      s.layers = (p.get('layers') || '').split(',').filter(function (n) {
        return WMS_LAYERS.indexOf(n) > 0; // espacio_publico travels as wms=1
      });
    }
    if (/^(0|1|0?\.\d+)$/.test(p.get('opacity') || '')) s.opacity = parseFloat(p.get('opacity'));
    if (p.has('table')) s.table = p.get('table') === '1';
    if (/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$/.test(p.get('at') || '')) s.at = p.get('at');
    return s;
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.indicator) p.set('indicator', state.indicator);
    p.set('level', state.level);
    if (state.year != null) p.set('year', String(state.year));
    p.set('lang', state.lang);
    if (state.wms) p.set('wms', '1');
    p.set('view', state.view);
    if (needsYear2() && state.year2 != null) p.set('year2', String(state.year2));
    if (state.layers.length) p.set('layers', state.layers.join(','));
    if ((state.wms || state.layers.length) && state.opacity !== 0.8) p.set('opacity', String(state.opacity));
    if (state.table) p.set('table', '1');
    if (state.at) p.set('at', state.at);
    var hash = '#' + p.toString().replace(/%2C/g, ',');
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  // ---- data ----------------------------------------------------------------------------------

  function sheetOf(code) {
    if (!sheets[code]) {
      sheets[code] = fetchJson('api/indicators/' + encodeURIComponent(code))
        .catch(function (e) { delete sheets[code]; throw e; });
    }
    return sheets[code];
  }

  function valuesOf(code, level, year) {
    var key = code + '|' + level + '|' + year;
    if (!valueCache[key]) {
      valueCache[key] = fetchJson('api/indicators/' + encodeURIComponent(code) + '/values?level='
          + encodeURIComponent(level) + '&year=' + encodeURIComponent(year))
        .then(function (body) {
          var byUnit = {};
          body.values.forEach(function (v) { byUnit[v.unitCode] = v; });
          return byUnit;
        })
        .catch(function (e) { delete valueCache[key]; throw e; });
    }
    return valueCache[key];
  }

  function seriesOf(code, unit) {
    var key = code + '|' + unit;
    if (!seriesCache[key]) {
      seriesCache[key] = fetchJson('api/indicators/' + encodeURIComponent(code) + '/series?unit=' + encodeURIComponent(unit))
        .then(function (body) { seriesData[key] = body.values || []; return seriesData[key]; })
        .catch(function (e) { delete seriesCache[key]; throw e; });
    }
    return seriesCache[key];
  }

  function collectionOf(level) {
    if (!collections[level]) {
      collections[level] = fetchJson('api/units?level=' + encodeURIComponent(level))
        .catch(function (e) { delete collections[level]; throw e; });
    }
    return collections[level];
  }

  function unitsOf(level) {
    if (!geometry[level]) {
      geometry[level] = collectionOf(level).then(buildUnitLayer)
        .catch(function (e) { delete geometry[level]; throw e; });
    }
    return geometry[level];
  }

  function units2Of(level) {
    if (!geometry2[level]) {
      geometry2[level] = collectionOf(level).then(buildUnitLayer2)
        .catch(function (e) { delete geometry2[level]; throw e; });
    }
    return geometry2[level];
  }

  // ---- the unit layers -----------------------------------------------------------------------

  function buildUnitLayer(fc) {
    var layer = L.geoJSON(fc, {
      style: function () { return L.extend({}, BASE_STYLE, { fillColor: '#ffffff' }); },
      onEachFeature: function (feature, unit) {
        unit.bindTooltip(function () { return tooltipHtml(feature, current.values, state.year); },
          { sticky: true, direction: 'top', className: 'unit-tooltip' });
        unit.bindPopup(function () { return popupHtml(feature); }, { maxWidth: 320, minWidth: 240, autoPanPadding: [24, 24] });
        // read when the popup opens, so an open popup is panned clear of the legend's current size
        Object.defineProperty(unit.getPopup().options, 'autoPanPaddingBottomRight', { get: legendClearance });
        unit.on('mouseover', function () { highlight(unit, true); });
        unit.on('mouseout', function () { highlight(unit, false); });
        unit.on('popupopen', function () { unit.closeTooltip(); loadSeriesInto(feature.properties.code); });
        unit.on('add', function () { decoratePath(unit, feature); });
      }
    });
    return layer;
  }

  /** The comparison map's units: same geometry, coloured by year2; a picture, not a second tab stop. */
  function buildUnitLayer2(fc) {
    return L.geoJSON(fc, {
      style: function () { return L.extend({}, BASE_STYLE, { fillColor: '#ffffff' }); },
      onEachFeature: function (feature, unit) {
        unit.bindTooltip(function () { return tooltipHtml(feature, current.values2, state.year2); },
          { sticky: true, direction: 'top', className: 'unit-tooltip' });
        unit.on('add', function () {
          var path = unit.getElement();
          if (path) path.setAttribute('data-unit', feature.properties.code);
        });
      }
    });
  }

  /** Makes a unit's path a labelled, keyboard-operable element with its code (the test hook). */
  function decoratePath(unit, feature) {
    var path = unit.getElement();
    if (!path || path.getAttribute('data-unit')) return;
    path.setAttribute('data-unit', feature.properties.code);
    path.setAttribute('tabindex', '0');
    path.setAttribute('role', 'button');
    path.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        unit.closeTooltip();
        unit.openPopup(unit.getCenter());
      }
    });
    path.addEventListener('focus', function () { highlight(unit, true); unit.openTooltip(unit.getCenter()); });
    path.addEventListener('blur', function () { highlight(unit, false); unit.closeTooltip(); });
    updatePathAttributes(unit, feature);
  }

  function updatePathAttributes(unit, feature) {
    var path = unit.getElement();
    if (!path || !current.sheet) return;
    var code = feature.properties.code;
    var row = current.values[code];
    var d = current.sheet.definition;
    var label = feature.properties.name + ': ' + (hasValue(row) ? fmt(row.value, 2) + ' ' + d.unit : t('noData'));
    var cls;
    path.removeAttribute('data-change');
    path.removeAttribute('data-status');
    if (state.view === 'cambio') {
      var diff = changeOf(code);
      var k = changeClass(diff);
      cls = k == null ? 'nd' : 'chg-' + k;
      if (diff != null) path.setAttribute('data-change', String(diff));
      label = feature.properties.name + ': ' + (diff == null ? t('noData') : fmtSigned(diff) + ' ' + d.unit
        + ' (' + state.year + ' − ' + state.year2 + ')');
    } else if (state.view === 'avance') {
      cls = statusOf(row);
      path.setAttribute('data-status', cls);
      label += ' · ' + t('status')[cls];
    } else {
      cls = hasValue(row) ? String(classOf(row.value, d.classes)) : 'nd';
    }
    path.setAttribute('data-class', cls);
    path.setAttribute('aria-label', label);
  }

  function styleFor(feature) {
    var code = feature.properties.code;
    var row = current.values[code];
    var fill, noData;
    if (state.view === 'cambio') {
      var k = changeClass(changeOf(code));
      noData = k == null;
      fill = noData ? NO_DATA : CHANGE_COLOURS[k];
    } else if (state.view === 'avance') {
      var s = statusOf(row);
      noData = s === 'sin_dato';
      fill = STATUS_COLOURS[s];
    } else {
      noData = !hasValue(row);
      fill = colourFor(row, current.sheet.definition.classes);
    }
    // no data is told apart by more than its colour: a dashed outline (matches the legend)
    return L.extend({}, BASE_STYLE, { fillColor: fill, dashArray: noData ? '4 3' : null });
  }

  function style2For(feature) {
    var row = current.values2[feature.properties.code];
    return L.extend({}, BASE_STYLE, {
      fillColor: colourFor(row, current.sheet.definition.classes),
      dashArray: hasValue(row) ? null : '4 3'
    });
  }

  function highlight(unit, on) {
    if (!current.sheet || !unit.feature) return;
    var s = styleFor(unit.feature);
    if (on) {
      // no bringToFront(): it would reorder the paths, and with them the keyboard (Tab) order
      s.weight = 4;
      s.color = '#111111';
    }
    unit.setStyle(s);
  }

  function recolour(layer) {
    layer.eachLayer(function (unit) {
      unit.setStyle(styleFor(unit.feature));
      updatePathAttributes(unit, unit.feature);
    });
  }

  function unitLabel(p) {
    var kind = t('kinds')[p.kind] || p.kind || '';
    return kind + (p.parentName && p.level !== 'comuna' ? ' · ' + p.parentName : '');
  }

  function tooltipHtml(feature, values, year) {
    var p = feature.properties;
    var row = values[p.code];
    var unit = current.sheet ? escapeHtml(current.sheet.definition.unit) : '';
    var text;
    if (state.view === 'cambio' && values === current.values) {
      var diff = changeOf(p.code);
      text = diff == null ? t('noData') : fmtSigned(diff) + ' ' + unit + ' (' + state.year + ' − ' + state.year2 + ')';
    } else if (state.view === 'avance') {
      text = escapeHtml(t('status')[statusOf(row)]) + (hasValue(row) ? ' · ' + fmt(row.value, 2) + ' ' + unit : '');
    } else {
      text = (hasValue(row) ? fmt(row.value, 2) + ' ' + unit : t('noData')) + ' · ' + escapeHtml(year);
    }
    return '<strong>' + escapeHtml(p.name) + '</strong><br><span>' + text + '</span>';
  }

  function popupHtml(feature) {
    var p = feature.properties;
    var row = current.values[p.code];
    var d = current.sheet.definition;
    var name = d.name[state.lang] || d.name.es;
    var status = statusOf(row);
    var html = '<div class="unit-popup" data-unit="' + escapeHtml(p.code) + '">'
      + '<h2>' + escapeHtml(p.name) + '</h2>'
      + '<p class="unit-kind">' + escapeHtml(unitLabel(p)) + '</p>'
      + '<p class="indicator-name">' + escapeHtml(name) + '</p>';
    if (hasValue(row)) {
      html += '<p class="unit-value"><span data-field="value">' + fmt(row.value, 2) + '</span> '
        + '<span data-field="unit">' + escapeHtml(d.unit) + '</span></p>';
    } else {
      html += '<p class="unit-nd"><strong>' + escapeHtml(t('noData')) + '</strong>: '
        + '<span data-field="ndReason">' + escapeHtml(row && row.ndReason ? row.ndReason : t('noValueForUnit')) + '</span></p>';
    }
    html += '<dl>'
      + '<dt>' + escapeHtml(t('numerator')) + '</dt><dd data-field="numerator"'
      + (d.numerator && d.numerator.description ? ' title="' + escapeHtml(d.numerator.description) + '"' : '') + '>'
      + fmt(row ? row.numerator : null) + '</dd>'
      + '<dt>' + escapeHtml(t('denominator')) + '</dt><dd data-field="denominator"'
      + (d.denominator && d.denominator.description ? ' title="' + escapeHtml(d.denominator.description) + '"' : '') + '>'
      + fmt(row ? row.denominator : null) + '</dd>'
      + '<dt>' + escapeHtml(t('yearCaption')) + '</dt><dd data-field="year">' + escapeHtml(state.year) + '</dd>'
      + '<dt>' + escapeHtml(t('baseline')) + '</dt><dd data-field="baseline">' + fmt(row ? row.baseline : null, 2) + '</dd>'
      + '<dt>' + escapeHtml(t('target')) + '</dt><dd data-field="target">' + fmt(row ? row.target : null, 2) + '</dd>'
      + '<dt>' + escapeHtml(t('progress')) + '</dt><dd data-field="progress">' + fmtPercent(row ? row.progress : null) + '</dd>'
      + '</dl>'
      + '<p class="status-line"><span class="swatch status-swatch' + (status === 'sin_dato' ? ' swatch-nd' : '')
      + '" style="background:' + STATUS_COLOURS[status] + '" aria-hidden="true"></span>'
      + '<span>' + escapeHtml(t('progressStatus')) + ': <strong data-field="progressStatus" data-status="' + status + '">'
      + escapeHtml(t('status')[status]) + '</strong></span></p>'
      + '<figure class="series"><figcaption>' + escapeHtml(t('series')) + '</figcaption>'
      + '<div class="chart" data-chart="' + escapeHtml(p.code) + '">'
      + (seriesData[state.indicator + '|' + p.code] ? seriesSvg(seriesData[state.indicator + '|' + p.code], p.name) : '')
      + '</div></figure>'
      + '<p class="sheet-line"><a href="api/indicators/' + encodeURIComponent(state.indicator) + '" class="sheet-link" data-action="sheet">'
      + escapeHtml(t('sheet')) + '</a></p>'
      + '</div>';
    return html;
  }

  /** Fetches the unit's series (once) and draws it into the open popup. */
  function loadSeriesInto(code) {
    var key = state.indicator + '|' + code;
    if (seriesData[key]) return;
    var sheetCode = state.indicator;
    seriesOf(sheetCode, code).then(function (rows) {
      if (sheetCode !== state.indicator) return;
      var box = document.querySelector('.leaflet-popup-content .chart[data-chart="' + code + '"]');
      if (!box) return;
      var popupEl = box.closest('.unit-popup');
      // drawn into the open popup in place (its room is reserved): no re-render, no jump
      box.innerHTML = seriesSvg(rows, popupEl ? popupEl.querySelector('h2').textContent : code);
    }).catch(function () { /* the chart is an extra; the popup still has the numbers */ });
  }

  /** A small inline SVG line chart of the unit's values over the years (with the target, dashed). */
  function seriesSvg(rows, unitName) {
    var d = current.sheet.definition;
    var pts = rows.filter(hasValue).map(function (r) { return { year: r.year, value: r.value }; });
    var years = current.years.length ? current.years : rows.map(function (r) { return r.year; });
    if (!pts.length || !years.length) return '<p class="chart-empty">' + escapeHtml(t('noData')) + '</p>';
    var target = rows.length && rows[rows.length - 1].target != null ? rows[rows.length - 1].target : null;
    var vals = pts.map(function (p) { return p.value; });
    if (target != null) vals.push(target);
    var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
    if (hi === lo) { hi += 1; lo -= 1; }
    var W = 260, H = 96, L0 = 40, R0 = 10, T0 = 10, B0 = 22;
    var y0 = years[0], y1 = years[years.length - 1];
    function x(y) { return y1 === y0 ? (L0 + W - R0) / 2 : L0 + (y - y0) / (y1 - y0) * (W - L0 - R0); }
    function y(v) { return T0 + (hi - v) / (hi - lo) * (H - T0 - B0); }
    var title = t('seriesTitle')(unitName, d.unit);
    var svg = '<svg class="sparkline" viewBox="0 0 ' + W + ' ' + H + '" width="' + W + '" height="' + H + '" role="img" aria-label="'
      + escapeHtml(title + ': ' + pts.map(function (p) { return p.year + ' ' + fmt(p.value, 2); }).join(', ')) + '"'
      + ' data-years="' + pts.map(function (p) { return p.year; }).join(',') + '">'
      + '<title>' + escapeHtml(title) + '</title>'
      + '<line x1="' + L0 + '" y1="' + (H - B0) + '" x2="' + (W - R0) + '" y2="' + (H - B0) + '" class="axis"/>'
      + '<text x="' + (L0 - 4) + '" y="' + (y(hi) + 4) + '" text-anchor="end">' + escapeHtml(fmt(hi, 1)) + '</text>'
      + '<text x="' + (L0 - 4) + '" y="' + (y(lo) + 4) + '" text-anchor="end">' + escapeHtml(fmt(lo, 1)) + '</text>';
    if (target != null) {
      svg += '<line x1="' + L0 + '" x2="' + (W - R0) + '" y1="' + y(target).toFixed(1) + '" y2="' + y(target).toFixed(1)
        + '" class="target"><title>' + escapeHtml(t('target') + ': ' + fmt(target, 2)) + '</title></line>';
    }
    svg += '<polyline points="' + pts.map(function (p) { return x(p.year).toFixed(1) + ',' + y(p.value).toFixed(1); }).join(' ') + '"/>';
    pts.forEach(function (p) {
      svg += '<circle cx="' + x(p.year).toFixed(1) + '" cy="' + y(p.value).toFixed(1) + '" r="' + (p.year === state.year ? 4.5 : 3)
        + '"' + (p.year === state.year ? ' class="current"' : '') + '><title>' + p.year + ': ' + escapeHtml(fmt(p.value, 2)) + '</title></circle>';
    });
    years.forEach(function (yr) {
      svg += '<text x="' + x(yr).toFixed(1) + '" y="' + (H - 6) + '" text-anchor="middle">' + yr + '</text>';
    });
    return svg + '</svg>';
  }

  // ---- indicator sheet -----------------------------------------------------------------------

  function openSheet() {
    if (!current.sheet) return;
    var d = current.sheet.definition;
    var items = [];
    function add(label, value, field) {
      if (value != null && value !== '') {
        items.push('<dt>' + escapeHtml(label) + '</dt><dd' + (field ? ' data-field="' + field + '"' : '') + '>' + value + '</dd>');
      }
    }
    add(t('definition'), escapeHtml(d.definition), 'definition');
    add(t('formula'), escapeHtml(d.formula), 'formula');
    add(t('unitOfMeasure'), escapeHtml(d.unit), 'unit');
    if (d.standard != null) add(t('standard'), fmt(d.standard) + ' ' + escapeHtml(d.unit), 'standard');
    if (d.baseline) add(t('baseline'), fmt(d.baseline.value) + ' ' + escapeHtml(d.unit) + ' (' + escapeHtml(d.baseline.year) + ')', 'baseline');
    if (d.targets && d.targets.length) {
      add(t('targets'), d.targets.map(function (g) {
        return fmt(g.value) + ' ' + escapeHtml(d.unit) + ' (' + escapeHtml(g.year)
          + (g.horizon ? ', ' + escapeHtml(t('horizon')[g.horizon] || g.horizon) : '') + ')';
      }).join('<br>'), 'targets');
    }
    add(t('source'), escapeHtml(d.source), 'source');
    add(t('responsible'), escapeHtml(d.responsible), 'responsible');
    add(t('notes'), escapeHtml(d.notes), 'notes');
    el.sheetBody.innerHTML = '<h2 id="sheet-title">' + escapeHtml(t('sheet')) + ': ' + escapeHtml(d.name[state.lang] || d.name.es) + '</h2>'
      + '<dl class="sheet-list">' + items.join('') + '</dl>';
    if (!el.sheetDialog.open) el.sheetDialog.showModal();
  }

  // ---- legend --------------------------------------------------------------------------------

  var Legend = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd: function () {
      var div = L.DomUtil.create('section', 'legend');
      div.id = 'legend';
      div.setAttribute('aria-labelledby', 'legend-title');
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    }
  });

  function renderLegend() {
    var div = legendControl.getContainer();
    var d = current.sheet.definition;
    var c = d.classes;
    var name = d.name[state.lang] || d.name.es;
    var title = name, meta = [], rows = [], kind = state.view;
    var codes = [];
    current.layer.eachLayer(function (unit) { codes.push(unit.feature.properties.code); });
    function count(fn) { return codes.filter(fn).length; }
    if (state.view === 'cambio') {
      var half = current.change.max / 2;
      var labels = [
        t('changeDown') + ' ' + t('moreThan') + ' ' + fmt(half),
        t('changeDown') + ' ' + t('upTo') + ' ' + fmt(half),
        t('changeNone'),
        t('changeUp') + ' ' + t('upTo') + ' ' + fmt(half),
        t('changeUp') + ' ' + t('moreThan') + ' ' + fmt(half)
      ];
      CHANGE_COLOURS.forEach(function (colour, k) {
        rows.push(legendRow(colour, labels[k], count(function (code) { return changeClass(changeOf(code)) === k; }), 'chg-' + k, false));
      });
      rows.push(legendRow(NO_DATA, t('noData'), count(function (code) { return changeOf(code) == null; }), 'nd', true));
      meta.push('<p class="legend-meta legend-years" data-field="years">' + escapeHtml(t('changeTitle')(state.year, state.year2)) + '</p>');
    } else if (state.view === 'avance') {
      STATUS_ORDER.forEach(function (s) {
        rows.push(legendRow(STATUS_COLOURS[s], t('status')[s], count(function (code) { return statusOf(current.values[code]) === s; }),
          s, s === 'sin_dato'));
      });
      meta.push('<p class="legend-meta legend-years" data-field="years">' + escapeHtml(t('progressTitle')(state.year)) + '</p>');
      meta.push('<p class="legend-meta"><span>' + escapeHtml(t('method')) + ':</span> ' + escapeHtml(t('progressMethod')) + '</p>');
    } else {
      kind = 'classes';
      var counts = c.colors.map(function () { return 0; });
      var noData = 0;
      codes.forEach(function (code) {
        var k = hasValue(current.values[code]) ? classOf(current.values[code].value, c) : null;
        if (k == null) noData++; else counts[k]++;
      });
      rows = c.colors.map(function (colour, i) {
        var low = i > 0 ? c.breaks[i - 1] : null;
        var high = i < c.breaks.length ? c.breaks[i] : null;
        var range = low == null ? t('lessThan') + ' ' + fmt(high)
          : high == null ? fmt(low) + ' ' + t('orMore')
          : fmt(low) + ' – ' + fmt(high);
        return legendRow(colour, range, counts[i], 'class-' + i, false);
      });
      rows.push(legendRow(c.noDataColor, t('noData'), noData, 'nd', true));
      meta.push('<p class="legend-meta"><span>' + escapeHtml(t('method')) + ':</span> ' + escapeHtml(c.method || '') + '</p>');
    }
    var yearText = state.view === 'comparar' ? state.year + ' | ' + state.year2 : state.year;
    // a <details>: folded on small screens so the legend does not hide the map
    div.setAttribute('data-legend', kind);
    div.innerHTML = '<details class="legend-box"' + (legendOpen ? ' open' : '') + '>'
      + '<summary><h2 id="legend-title">' + escapeHtml(title) + '</h2></summary>'
      + '<p class="legend-meta"><span>' + escapeHtml(t('unitOfMeasure')) + ':</span> <strong data-field="unit">' + escapeHtml(d.unit) + '</strong> · '
      + escapeHtml(t('yearCaption')) + ' ' + escapeHtml(yearText) + '</p>'
      + meta.join('')
      + '<ul class="legend-classes">' + rows.join('') + '</ul>'
      + '<p class="sheet-line"><a href="api/indicators/' + encodeURIComponent(state.indicator) + '" class="sheet-link" data-action="sheet">'
      + escapeHtml(t('sheet')) + '</a></p>'
      + '</details>';
    div.querySelector('.legend-box').addEventListener('toggle', function (e) { legendOpen = e.target.open; });
  }

  function legendRow(colour, label, count, key, noData) {
    return '<li data-class="' + key + '"><span class="swatch' + (noData ? ' swatch-nd' : '') + '" style="background:'
      + escapeHtml(colour) + '" aria-hidden="true"></span><span class="range">' + escapeHtml(label) + '</span>'
      + '<span class="count">' + escapeHtml(t('unitsCount')(count)) + '</span></li>';
  }

  // ---- context layers (WMS) ------------------------------------------------------------------

  var LayersPanel = L.Control.extend({
    options: { position: 'topright' },
    onAdd: function () {
      var div = L.DomUtil.create('section', 'layers-panel');
      div.id = 'layers-panel';
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    }
  });

  function layerOn(name) { return name === 'espacio_publico' ? state.wms : state.layers.indexOf(name) >= 0; }

  function legendUrl(name) {
    return 'ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=' + name + '&FORMAT=image/png&SLD_VERSION=1.1.0';
  }

  function buildLayersPanel() {
    var div = layersControl.getContainer();
    var open = div.querySelector('details') ? div.querySelector('details').open : false;
    var titles = t('wmsTitles');
    div.innerHTML = '<details class="layers-box"' + (open ? ' open' : '') + '><summary><h2>' + escapeHtml(t('layersTitle')) + '</h2></summary>'
      + '<ul class="layer-list">' + WMS_LAYERS.map(function (n) {
        return '<li><input type="checkbox" id="layer-' + n + '" data-layer="' + n + '">'
          + '<label for="layer-' + n + '">' + escapeHtml(titles[n]) + '</label>'
          + '<img class="layer-legend" data-legend="' + n + '" hidden alt="' + escapeHtml(t('layerLegend') + titles[n]) + '"></li>';
      }).join('') + '</ul>'
      + '<p class="opacity"><label for="layer-opacity">' + escapeHtml(t('opacity')) + '</label> '
      + '<input type="range" id="layer-opacity" min="0" max="100" step="10"></p></details>';
    div.querySelectorAll('input[data-layer]').forEach(function (box) {
      box.addEventListener('change', function () {
        var n = box.getAttribute('data-layer');
        if (n === 'espacio_publico') { change({ wms: box.checked }); return; }
        var list = state.layers.filter(function (x) { return x !== n; });
        if (box.checked) list.push(n);
        list.sort(function (a, b) { return WMS_LAYERS.indexOf(a) - WMS_LAYERS.indexOf(b); });
        change({ layers: list });
      });
    });
    div.querySelector('#layer-opacity').addEventListener('input', function (e) {
      state.opacity = parseInt(e.target.value, 10) / 100;
      writeHash();
      syncLayers();
    });
    layersPanelLang = state.lang;
  }

  function syncLayers() {
    if (layersPanelLang !== state.lang) buildLayersPanel();
    var div = layersControl.getContainer();
    WMS_LAYERS.forEach(function (n) {
      var on = layerOn(n);
      if (on && !wmsLayers[n]) {
        wmsLayers[n] = L.tileLayer.wms('ogc/wms', { layers: n, format: 'image/png', transparent: true, version: '1.3.0', pane: 'wms' });
        wmsLayers[n].on('tileerror', function () { setStatus(t('wmsError') + ' (' + t('wmsTitles')[n] + ')', true); });
      }
      if (wmsLayers[n]) {
        wmsLayers[n].setOpacity(state.opacity);
        if (on && !map.hasLayer(wmsLayers[n])) wmsLayers[n].addTo(map);
        if (!on && map.hasLayer(wmsLayers[n])) map.removeLayer(wmsLayers[n]);
      }
      var box = div.querySelector('#layer-' + n);
      box.checked = on;
      var img = div.querySelector('img[data-legend="' + n + '"]');
      if (on && !img.getAttribute('src')) img.setAttribute('src', legendUrl(n));
      img.hidden = !on;
    });
    div.querySelector('#layer-opacity').value = String(Math.round(state.opacity * 100));
    div.querySelector('#layer-opacity').setAttribute('aria-valuetext', Math.round(state.opacity * 100) + ' %');
  }

  // ---- comparison map ------------------------------------------------------------------------

  var YearBadge = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function () {
      var div = L.DomUtil.create('div', 'year-badge');
      div.setAttribute('aria-live', 'polite');
      return div;
    }
  });

  function ensureMap2() {
    if (map2) return;
    map2 = L.map('map2', { zoomSnap: 0.25, attributionControl: false, zoomControl: false, keyboard: false });
    yearBadge2 = new YearBadge({ position: 'topright' }).addTo(map2);
    map.on('move', function () { mirror(map, map2); });
    map2.on('move', function () { mirror(map2, map); });
  }

  function mirror(from, to) {
    if (syncing || state.view !== 'comparar') return;
    syncing = true;
    to.setView(from.getCenter(), from.getZoom(), { animate: false });
    syncing = false;
  }

  /** Shows or hides the second map and lays the page out for the view. */
  function layout() {
    var before = el.main.getAttribute('data-layout');
    var wanted = state.view + (state.table ? '-table' : '');
    document.body.setAttribute('data-view', state.view);
    document.body.classList.toggle('show-table', state.table);
    el.map2.hidden = state.view !== 'comparar';
    el.table.hidden = !state.table;
    el.year2Control.hidden = !needsYear2();
    if (before !== wanted) {
      el.main.setAttribute('data-layout', wanted);
      map.invalidateSize();
      // two half-width maps: the legend starts folded so it does not cover the units (one click opens it)
      if (before == null || before.split('-')[0] !== state.view) legendOpen = map.getSize().x >= (state.view === 'comparar' ? 700 : 600);
      if (state.view === 'comparar') {
        ensureMap2();
        map2.invalidateSize();
      }
    }
  }

  function renderMap2() {
    if (state.view !== 'comparar') {
      yearBadge.getContainer().hidden = true;
      return Promise.resolve();
    }
    return units2Of(state.level).then(function (layer) {
      if (current.layer2 !== layer) {
        if (current.layer2) map2.removeLayer(current.layer2);
        current.layer2 = layer;
        layer.addTo(map2);
      }
      layer.eachLayer(function (unit) {
        unit.setStyle(style2For(unit.feature));
        var path = unit.getElement();
        if (path) {
          var row = current.values2[unit.feature.properties.code];
          path.setAttribute('data-class', hasValue(row) ? String(classOf(row.value, current.sheet.definition.classes)) : 'nd');
        }
      });
      yearBadge.getContainer().hidden = false;
      yearBadge.getContainer().textContent = String(state.year);
      yearBadge.getContainer().setAttribute('data-year', String(state.year));
      yearBadge2.getContainer().textContent = String(state.year2);
      yearBadge2.getContainer().setAttribute('data-year', String(state.year2));
      syncing = true;
      map2.setView(map.getCenter(), map.getZoom(), { animate: false });
      syncing = false;
    });
  }

  // ---- data table ----------------------------------------------------------------------------

  function renderTable() {
    if (!state.table) return;
    var d = current.sheet.definition;
    var name = d.name[state.lang] || d.name.es;
    var rows = [];
    current.layer.eachLayer(function (unit) { rows.push(unit.feature.properties); });
    rows.sort(function (a, b) { return a.code < b.code ? -1 : a.code > b.code ? 1 : 0; });
    var cmp = needsYear2();
    var head = '<tr><th scope="col">' + escapeHtml(t('kinds')[state.level] || t('unitHeader')) + '</th>'
      + (state.level === 'barrio' ? '<th scope="col">' + escapeHtml(t('parentHeader')) + '</th>' : '')
      + '<th scope="col">' + escapeHtml(t('value')) + ' ' + state.year + '</th>'
      + (cmp ? '<th scope="col">' + escapeHtml(t('value')) + ' ' + state.year2 + '</th><th scope="col">'
        + escapeHtml(t('viewCambio')) + '</th>' : '')
      + '<th scope="col">' + escapeHtml(t('numerator')) + '</th><th scope="col">' + escapeHtml(t('denominator')) + '</th>'
      + '<th scope="col">' + escapeHtml(t('target')) + '</th><th scope="col">' + escapeHtml(t('progressStatus')) + '</th></tr>';
    var body = rows.map(function (p) {
      var r = current.values[p.code];
      var r2 = current.values2[p.code];
      return '<tr data-unit="' + escapeHtml(p.code) + '"><th scope="row">' + escapeHtml(p.name) + '</th>'
        + (state.level === 'barrio' ? '<td>' + escapeHtml(p.parentName || '') + '</td>' : '')
        + '<td data-field="value">' + (hasValue(r) ? fmt(r.value, 2) : escapeHtml(t('noData'))) + '</td>'
        + (cmp ? '<td data-field="value2">' + (hasValue(r2) ? fmt(r2.value, 2) : escapeHtml(t('noData'))) + '</td>'
          + '<td data-field="change">' + fmtSigned(changeOf(p.code)) + '</td>' : '')
        + '<td data-field="numerator">' + fmt(r ? r.numerator : null) + '</td>'
        + '<td data-field="denominator">' + fmt(r ? r.denominator : null) + '</td>'
        + '<td data-field="target">' + fmt(r ? r.target : null, 2) + '</td>'
        + '<td data-field="progressStatus" data-status="' + statusOf(r) + '">' + escapeHtml(t('status')[statusOf(r)]) + '</td></tr>';
    }).join('');
    el.table.innerHTML = '<div class="table-scroll"><table class="data-table"><caption>'
      + escapeHtml(t('tableCaption')(name, t('levelPlural')[state.level], state.year)) + ' (' + escapeHtml(d.unit) + ')</caption>'
      + '<thead>' + head + '</thead><tbody>' + body + '</tbody></table></div>';
  }

  // ---- controls and language -----------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = t('locale');
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach(function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria-label')));
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (node) {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder')));
    });
    el.lang.textContent = t('langButton');
    el.lang.setAttribute('lang', t('langButtonLang'));
    el.play.textContent = playTimer ? t('pause') : t('play');
    el.more.textContent = el.controls.classList.contains('expanded') ? t('fewerOptions') : t('moreOptions');
    document.title = t('title') + ' · ' + (state.lang === 'es' ? 'Visor de indicadores' : 'Indicator viewer');
    Array.prototype.forEach.call(el.indicator.options, function (o) {
      var ind = indicators.find(function (i) { return i.code === o.value; });
      if (ind) o.textContent = ind.name[state.lang] || ind.name.es;
    });
  }

  function fillIndicatorSelect() {
    el.indicator.innerHTML = '';
    indicators.forEach(function (ind) {
      var o = document.createElement('option');
      o.value = ind.code;
      o.textContent = ind.name[state.lang] || ind.name.es;
      el.indicator.appendChild(o);
    });
    el.indicator.disabled = indicators.length === 0;
  }

  function fillYearSelect(select, years) {
    var wanted = years.map(String).join(',');
    if (select.getAttribute('data-years') !== wanted) {
      select.innerHTML = '';
      years.forEach(function (y) {
        var o = document.createElement('option');
        o.value = String(y);
        o.textContent = String(y);
        select.appendChild(o);
      });
      select.setAttribute('data-years', wanted);
    }
    select.disabled = years.length === 0;
  }

  function syncControls() {
    if (state.indicator) el.indicator.value = state.indicator;
    el.level.value = state.level;
    if (state.year != null) el.year.value = String(state.year);
    if (state.year2 != null) el.year2.value = String(state.year2);
    el.view.value = state.view;
    el.wms.checked = state.wms;
    var years = current.years;
    el.slider.max = String(Math.max(0, years.length - 1));
    el.slider.value = String(Math.max(0, years.indexOf(state.year)));
    el.slider.disabled = years.length < 2;
    el.slider.setAttribute('aria-valuetext', state.year == null ? '' : String(state.year));
    el.yearOut.textContent = state.year == null ? '' : String(state.year);
    el.play.disabled = years.length < 2;
    el.tableToggle.setAttribute('aria-pressed', String(state.table));
    updateLinks();
  }

  function updateLinks() {
    if (!state.indicator || state.year == null) return;
    var base = 'api/indicators/' + encodeURIComponent(state.indicator) + '/values';
    var q = '?level=' + encodeURIComponent(state.level) + '&year=' + encodeURIComponent(state.year);
    var file = state.indicator + '_' + state.level + '_' + state.year;
    el.csv.href = base + '.csv' + q;
    el.csv.setAttribute('download', file + '.csv');
    el.geojson.href = base + '.geojson' + q;
    el.geojson.setAttribute('download', file + '.geojson');
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** Brings the map to `state`: geometry from the cache, values for indicator/level/year(s), legend. */
  function render() {
    var token = ++renderToken;
    ready = false;
    applyLanguage();
    syncControls();
    syncLayers();
    layout();
    if (!state.indicator) {
      setStatus(t('noIndicators'));
      return Promise.resolve();
    }
    setStatus(t('loading'));
    return sheetOf(state.indicator).then(function (sheet) {
      if (token !== renderToken) return null;
      var years = sheet.years || [];
      current.years = years;
      fillYearSelect(el.year, years);
      fillYearSelect(el.year2, years);
      if (years.length && years.indexOf(state.year) < 0) state.year = years[years.length - 1];
      if (!years.length) state.year = null;
      if (needsYear2() && years.length) {
        if (years.indexOf(state.year2) < 0 || (state.year2 === state.year && years.length > 1)) {
          state.year2 = years[0] !== state.year ? years[0] : years[years.length - 1];
        }
      }
      syncControls();
      writeHash();
      return Promise.all([
        sheet,
        unitsOf(state.level),
        state.year != null ? valuesOf(state.indicator, state.level, state.year) : Promise.resolve({}),
        needsYear2() && state.year2 != null ? valuesOf(state.indicator, state.level, state.year2) : Promise.resolve({})
      ]);
    }).then(function (loaded) {
      if (!loaded || token !== renderToken) return null;
      var first = !current.layer;
      current.sheet = loaded[0];
      current.values = loaded[2];
      current.values2 = loaded[3];
      computeChange();
      var layer = loaded[1];
      if (current.layer !== layer) {
        if (current.layer) map.removeLayer(current.layer);
        map.closePopup();
        current.layer = layer;
        layer.addTo(map);
      }
      recolour(layer);
      renderLegend();
      renderTable();
      if (state.at && state.at !== shownAt) showAt(state.at);
      else if (first) fitToUnits(layer);
      if (openPopup) openPopup.update();
      return renderMap2().then(function () {
        if (token !== renderToken) return;
        setStatus(state.year == null ? t('noYears') : '');
        if (pendingUnit) { var code = pendingUnit; pendingUnit = null; focusUnit(code); }
        timings.lastRender = performance.now();
        if (timings.firstMap == null) timings.firstMap = timings.lastRender; // ms since navigation start
        ready = true;
      });
    }).catch(function (e) {
      if (token !== renderToken) return;
      setStatus(t('loadError') + e.message, true);
    });
  }

  /** Room kept free on the right for the legend, where the screen is wide enough to spare it. */
  function legendClearance() {
    var legend = legendControl.getContainer().offsetWidth + 20;
    return [legend < map.getSize().x * 0.4 ? legend : 12, 12];
  }

  /** Fits the map to the units, keeping them clear of the legend. */
  function fitToUnits(layer) {
    map.fitBounds(layer.getBounds(), { paddingTopLeft: [12, 12], paddingBottomRight: legendClearance() });
  }

  function showAt(at) {
    var a = at.split(',').map(Number);
    shownAt = at;
    map.setView([a[0], a[1]], a[2], { animate: false });
  }

  /** Keeps the map position in the link (after the first map is drawn). */
  function rememberPosition() {
    if (!current.layer) return;
    var c = map.getCenter();
    state.at = c.lat.toFixed(5) + ',' + c.lng.toFixed(5) + ',' + (Math.round(map.getZoom() * 100) / 100);
    shownAt = state.at;
    writeHash();
  }

  function change(patch) {
    L.extend(state, patch);
    writeHash();
    render();
  }

  // ---- year player ---------------------------------------------------------------------------

  function togglePlay() {
    if (playTimer) {
      clearInterval(playTimer);
      playTimer = null;
    } else if (current.years.length > 1) {
      playTimer = setInterval(function () {
        if (!ready) return; // wait for the previous year to be drawn
        var years = current.years;
        var i = years.indexOf(state.year);
        change({ year: years[(i + 1) % years.length] });
      }, 1500);
    }
    el.play.textContent = playTimer ? t('pause') : t('play');
    el.play.setAttribute('aria-pressed', String(!!playTimer));
  }

  // ---- search --------------------------------------------------------------------------------

  function loadSearchIndex() {
    if (!searchIndex) {
      searchIndex = Promise.all(LEVELS.map(collectionOf)).then(function (fcs) {
        var list = [];
        fcs.forEach(function (fc, i) {
          fc.features.forEach(function (f) {
            list.push({ code: f.properties.code, name: f.properties.name, level: LEVELS[i],
              kind: f.properties.kind, parentName: f.properties.parentName });
          });
        });
        el.datalist.innerHTML = list.map(function (u) {
          return '<option value="' + escapeHtml(u.name) + '" label="' + escapeHtml(unitLabel(u)) + '"></option>';
        }).join('');
        return list;
      }).catch(function (e) { searchIndex = null; throw e; });
    }
    return searchIndex;
  }

  function search(text) {
    var q = fold(text);
    if (!q) return;
    loadSearchIndex().then(function (list) {
      function pick(fn) {
        return list.filter(function (u) { return u.level === state.level && fn(u); })[0]
          || list.filter(fn)[0];
      }
      var u = pick(function (x) { return fold(x.name) === q; })
        || pick(function (x) { return fold(x.name).indexOf(q) === 0; })
        || pick(function (x) { return fold(x.name).indexOf(q) >= 0; });
      if (!u) { setStatus(t('searchNotFound') + text, true); return; }
      if (u.level !== state.level) {
        pendingUnit = u.code;
        change({ level: u.level });
      } else if (!ready) {
        pendingUnit = u.code;
      } else {
        focusUnit(u.code);
      }
    }).catch(function (e) { setStatus(t('loadError') + e.message, true); });
  }

  function focusUnit(code) {
    var found = null;
    current.layer.eachLayer(function (unit) { if (unit.feature.properties.code === code) found = unit; });
    if (!found) return;
    map.fitBounds(found.getBounds(), { paddingTopLeft: [24, 24], paddingBottomRight: legendClearance(), maxZoom: 16, animate: false });
    found.openPopup(found.getCenter());
    setStatus('');
  }

  // ---- embed and print -----------------------------------------------------------------------

  function embedCode() {
    var d = current.sheet ? current.sheet.definition : null;
    var title = t('title') + (d ? ' · ' + (d.name[state.lang] || d.name.es) : '');
    return '<iframe src="' + escapeHtml(location.href) + '" title="' + escapeHtml(title)
      + '" width="100%" height="600" style="border:0" loading="lazy" allowfullscreen></iframe>';
  }

  function openEmbed() {
    writeHash();
    el.embedCode.value = embedCode();
    el.embedCopied.textContent = '';
    el.embedDialog.showModal();
    el.embedCode.focus();
    el.embedCode.select();
  }

  function copyEmbed() {
    el.embedCode.select();
    var done = function () { el.embedCopied.textContent = t('copied'); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(el.embedCode.value).then(done, function () { document.execCommand('copy'); done(); });
    } else {
      document.execCommand('copy');
      done();
    }
  }

  // ---- start ---------------------------------------------------------------------------------

  function init() {
    ['indicator', 'level', 'year', 'year2', 'view', 'wms', 'lang', 'status', 'municipality', 'map2', 'play', 'search',
      'embed', 'print'].forEach(function (id) {
      el[id] = document.getElementById(id);
    });
    el.main = document.querySelector('.map-area');
    el.controls = document.getElementById('controls');
    el.more = document.getElementById('more-options');
    el.slider = document.getElementById('year-slider');
    el.yearOut = document.getElementById('year-out');
    el.year2Control = document.getElementById('year2-control');
    el.datalist = document.getElementById('unit-names');
    el.table = document.getElementById('data-table-panel');
    el.tableToggle = document.getElementById('table-toggle');
    el.csv = document.getElementById('dl-csv');
    el.geojson = document.getElementById('dl-geojson');
    el.sheetDialog = document.getElementById('sheet-dialog');
    el.sheetBody = document.getElementById('sheet-body');
    el.embedDialog = document.getElementById('embed-dialog');
    el.embedCode = document.getElementById('embed-code');
    el.embedCopied = document.getElementById('embed-copied');
    L.extend(state, readHash());
    // lay the page out for the view before Leaflet measures the map
    document.body.setAttribute('data-view', state.view);
    el.map2.hidden = state.view !== 'comparar';
    el.table.hidden = !state.table;

    map = L.map('map', {
      zoomSnap: 0.25,
      attributionControl: true,
      keyboard: true
    });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>');
    map.attributionControl.addAttribution('Expediente Municipal');
    map.createPane('wms');
    map.getPane('wms').style.zIndex = 450;           // over the choropleth, under tooltips and popups
    map.getPane('wms').style.pointerEvents = 'none'; // clicks reach the units below
    yearBadge = new YearBadge({ position: 'topright' }).addTo(map);
    yearBadge.getContainer().hidden = true;
    layersControl = new LayersPanel().addTo(map);
    legendControl = new Legend().addTo(map);
    legendOpen = map.getSize().x >= 600;
    map.on('moveend', rememberPosition);
    map.on('popupopen', function (e) { openPopup = e.popup; });
    map.on('popupclose', function (e) { if (openPopup === e.popup) openPopup = null; });

    el.indicator.addEventListener('change', function () { change({ indicator: el.indicator.value }); });
    el.level.addEventListener('change', function () { change({ level: el.level.value }); });
    el.year.addEventListener('change', function () { change({ year: parseInt(el.year.value, 10) }); });
    el.year2.addEventListener('change', function () { change({ year2: parseInt(el.year2.value, 10) }); });
    el.view.addEventListener('change', function () { change({ view: el.view.value }); });
    el.slider.addEventListener('input', function () {
      var y = current.years[parseInt(el.slider.value, 10)];
      if (y != null && y !== state.year) change({ year: y });
    });
    el.play.addEventListener('click', togglePlay);
    // on a phone the less used controls fold away, so the map keeps most of the screen
    el.more.addEventListener('click', function () {
      var open = el.controls.classList.toggle('expanded');
      el.more.setAttribute('aria-expanded', String(open));
      el.more.textContent = open ? t('fewerOptions') : t('moreOptions');
      map.invalidateSize();
      if (map2) map2.invalidateSize();
    });
    el.wms.addEventListener('change', function () { change({ wms: el.wms.checked }); });
    el.lang.addEventListener('click', function () { change({ lang: state.lang === 'es' ? 'en' : 'es' }); });
    el.tableToggle.addEventListener('click', function () {
      change({ table: !state.table });
      if (state.table) el.table.focus();
    });
    el.embed.addEventListener('click', openEmbed);
    document.getElementById('embed-copy').addEventListener('click', copyEmbed);
    el.print.addEventListener('click', function () { window.print(); });
    el.search.addEventListener('focus', function () { loadSearchIndex().catch(function () {}); });
    el.search.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); search(el.search.value); }
    });
    el.search.addEventListener('input', function (e) {
      // choosing an option of the datalist (no typing involved) goes there at once
      if (!e.inputType || e.inputType === 'insertReplacementText') search(el.search.value);
    });
    document.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('[data-action="sheet"]');
      if (link) { e.preventDefault(); openSheet(); }
    });
    document.getElementById('controls').addEventListener('submit', function (e) { e.preventDefault(); });
    // the skip link focuses the map without replacing the state in the hash by "#map"
    document.querySelector('.skip-link').addEventListener('click', function (e) {
      e.preventDefault();
      document.getElementById('map').focus();
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !el.sheetDialog.open && !el.embedDialog.open) map.closePopup();
    });
    window.addEventListener('hashchange', function () {
      var wanted = L.extend({}, state, readHash());
      if (JSON.stringify(wanted) !== JSON.stringify(state)) { L.extend(state, wanted); render(); }
    });
    window.addEventListener('beforeprint', function () { map.invalidateSize(); });

    applyLanguage();
    setStatus(t('loading'));
    fetchJson('api/units?level=municipio').then(function (fc) {
      var m = fc.features && fc.features[0];
      if (m) el.municipality.textContent = m.properties.name;
    }).catch(function () { /* the name is decoration; the map still works */ });

    fetchJson('api/indicators').then(function (list) {
      indicators = list;
      fillIndicatorSelect();
      if (!indicators.some(function (i) { return i.code === state.indicator; })) {
        state.indicator = indicators.length ? indicators[0].code : null;
      }
      render();
    }).catch(function (e) { setStatus(t('loadError') + e.message, true); });
  }

  window.expediente = Object.freeze({
    get ready() { return ready; },
    get state() { return JSON.parse(JSON.stringify(state)); },
    get timings() { return L.extend({}, timings); },
    /** zoom and centre of the main map and, in the compare view, of the second one */
    get views() {
      return [map, state.view === 'comparar' ? map2 : null].filter(Boolean).map(function (m) {
        var c = m.getCenter();
        return { zoom: m.getZoom(), lat: c.lat, lng: c.lng };
      });
    },
    colourOf: function (code) {
      var found = null;
      if (current.layer) {
        current.layer.eachLayer(function (unit) {
          if (unit.feature.properties.code === code) found = unit.options.fillColor;
        });
      }
      return found;
    }
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
