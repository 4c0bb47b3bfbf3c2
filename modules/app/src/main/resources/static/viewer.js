/*
 * Expediente · public map viewer.
 *
 * Plain JavaScript over Leaflet 1.9.4 (served from its webjar), no build step, no framework, and
 * nothing loaded from outside this application: there is no online base map, so the viewer works
 * on a closed municipal network.
 *
 * Data flow: the geometry of a level is fetched once (api/units?level=...) and kept as one Leaflet
 * GeoJSON layer; indicator values travel separately (api/indicators/{code}/values) and only
 * re-colour that layer, so switching year or indicator never refetches geometry. The state
 * (indicator, level, year, lang, wms) lives in the URL hash, so a link restores the same map.
 *
 * Read-only hook for end-to-end tests (ViewerIT) — kept small on purpose, nothing else relies on it:
 *   - every unit's SVG path carries data-unit="<unit code>" and data-class="<class index>" or "nd";
 *   - window.expediente = {
 *       ready,           // true once the map shows exactly `state`; false while loading
 *       state,           // a copy of {indicator, level, year, lang, wms}
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
      yearCaption: 'Año'
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
      yearCaption: 'Year'
    }
  };
  var LEVELS = ['comuna', 'barrio'];
  var BASE_STYLE = { color: '#4a4a4a', weight: 1, opacity: 1, fillOpacity: 0.85 };

  // ---- state --------------------------------------------------------------------------------

  var state = { indicator: null, level: 'barrio', year: null, lang: 'es', wms: false };
  var ready = false;
  var renderToken = 0;

  var indicators = [];            // api/indicators
  var sheets = {};                // code -> api/indicators/{code}
  var geometry = {};              // level -> Promise of L.GeoJSON layer (fetched once)
  var valueCache = {};            // "code|level|year" -> Promise of {unitCode -> value row}
  var current = { layer: null, values: {}, sheet: null };

  var map, wmsLayer, legendControl, openPopup = null;
  var legendOpen = true;
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

  // ---- URL hash ------------------------------------------------------------------------------

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var s = {};
    if (p.get('indicator')) s.indicator = p.get('indicator');
    if (LEVELS.indexOf(p.get('level')) >= 0) s.level = p.get('level');
    if (/^\d{4}$/.test(p.get('year') || '')) s.year = parseInt(p.get('year'), 10);
    if (I18N[p.get('lang')]) s.lang = p.get('lang');
    if (p.has('wms')) s.wms = p.get('wms') === '1';
    return s;
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.indicator) p.set('indicator', state.indicator);
    p.set('level', state.level);
    if (state.year != null) p.set('year', String(state.year));
    p.set('lang', state.lang);
    if (state.wms) p.set('wms', '1');
    var hash = '#' + p.toString();
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

  function unitsOf(level) {
    if (!geometry[level]) {
      geometry[level] = fetchJson('api/units?level=' + encodeURIComponent(level))
        .then(function (fc) { return buildUnitLayer(fc); })
        .catch(function (e) { delete geometry[level]; throw e; });
    }
    return geometry[level];
  }

  // ---- the unit layer ------------------------------------------------------------------------

  function buildUnitLayer(fc) {
    var layer = L.geoJSON(fc, {
      style: function () { return L.extend({}, BASE_STYLE, { fillColor: '#ffffff' }); },
      onEachFeature: function (feature, unit) {
        unit.bindTooltip(function () { return tooltipHtml(feature); }, { sticky: true, direction: 'top', className: 'unit-tooltip' });
        unit.bindPopup(function () { return popupHtml(feature); }, { maxWidth: 320, autoPanPadding: [24, 24] });
        // read when the popup opens, so an open popup is panned clear of the legend's current size
        Object.defineProperty(unit.getPopup().options, 'autoPanPaddingBottomRight', { get: legendClearance });
        unit.on('mouseover', function () { highlight(unit, true); });
        unit.on('mouseout', function () { highlight(unit, false); });
        unit.on('popupopen', function () { unit.closeTooltip(); });
        unit.on('add', function () { decoratePath(unit, feature); });
      }
    });
    return layer;
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
    if (!path) return;
    var row = current.values[feature.properties.code];
    var hasValue = row && row.value != null;
    path.setAttribute('data-class', hasValue ? String(classOf(row.value, current.sheet.definition.classes)) : 'nd');
    path.setAttribute('aria-label', feature.properties.name + ': '
      + (hasValue ? fmt(row.value, 2) + ' ' + current.sheet.definition.unit : t('noData')));
  }

  function styleFor(feature) {
    var row = current.values[feature.properties.code];
    var classes = current.sheet.definition.classes;
    var noData = !row || row.value == null;
    return L.extend({}, BASE_STYLE, {
      fillColor: colourFor(row, classes),
      // no data is told apart by more than its colour: a dashed outline (matches the legend)
      dashArray: noData ? '4 3' : null
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

  function tooltipHtml(feature) {
    var p = feature.properties;
    var row = current.values[p.code];
    var value = row && row.value != null ? fmt(row.value, 2) + ' ' + escapeHtml(current.sheet.definition.unit) : t('noData');
    return '<strong>' + escapeHtml(p.name) + '</strong><br><span>' + value + '</span>';
  }

  function popupHtml(feature) {
    var p = feature.properties;
    var row = current.values[p.code];
    var d = current.sheet.definition;
    var name = d.name[state.lang] || d.name.es;
    var html = '<div class="unit-popup" data-unit="' + escapeHtml(p.code) + '">'
      + '<h2>' + escapeHtml(p.name) + '</h2>'
      + '<p class="unit-kind">' + escapeHtml(unitLabel(p)) + '</p>'
      + '<p class="indicator-name">' + escapeHtml(name) + '</p>';
    if (row && row.value != null) {
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
      + '</dl></div>';
    return html;
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
    var counts = c.colors.map(function () { return 0; });
    var noData = 0;
    current.layer.eachLayer(function (unit) {
      var row = current.values[unit.feature.properties.code];
      var k = row ? classOf(row.value, c) : null;
      if (k == null) noData++; else counts[k]++;
    });
    var rows = c.colors.map(function (colour, i) {
      var low = i > 0 ? c.breaks[i - 1] : null;
      var high = i < c.breaks.length ? c.breaks[i] : null;
      var range = low == null ? t('lessThan') + ' ' + fmt(high)
        : high == null ? fmt(low) + ' ' + t('orMore')
        : fmt(low) + ' – ' + fmt(high);
      return legendRow(colour, range, counts[i], 'class-' + i, false);
    });
    rows.push(legendRow(c.noDataColor, t('noData'), noData, 'nd', true));
    var name = d.name[state.lang] || d.name.es;
    // a <details>: folded on small screens so the legend does not hide the map
    div.innerHTML = '<details class="legend-box"' + (legendOpen ? ' open' : '') + '>'
      + '<summary><h2 id="legend-title">' + escapeHtml(name) + '</h2></summary>'
      + '<p class="legend-meta"><span>' + escapeHtml(t('unitOfMeasure')) + ':</span> <strong data-field="unit">' + escapeHtml(d.unit) + '</strong> · '
      + escapeHtml(t('yearCaption')) + ' ' + escapeHtml(state.year) + '</p>'
      + '<p class="legend-meta"><span>' + escapeHtml(t('method')) + ':</span> ' + escapeHtml(c.method || '') + '</p>'
      + '<ul class="legend-classes">' + rows.join('') + '</ul>'
      + (state.wms ? '<p class="legend-wms"><span>' + escapeHtml(t('wmsLegend')) + '</span><br>'
          + '<img alt="' + escapeHtml(t('wmsLegend')) + '" src="ogc/wms?SERVICE=WMS&amp;VERSION=1.3.0&amp;REQUEST=GetLegendGraphic'
          + '&amp;LAYER=espacio_publico&amp;FORMAT=image/png&amp;SLD_VERSION=1.1.0"></p>' : '')
      + sheetHtml(d)
      + '</details>';
    div.querySelector('.legend-box').addEventListener('toggle', function (e) { legendOpen = e.target.open; });
  }

  function legendRow(colour, label, count, key, noData) {
    return '<li data-class="' + key + '"><span class="swatch' + (noData ? ' swatch-nd' : '') + '" style="background:'
      + escapeHtml(colour) + '" aria-hidden="true"></span><span class="range">' + escapeHtml(label) + '</span>'
      + '<span class="count">' + escapeHtml(t('unitsCount')(count)) + '</span></li>';
  }

  function sheetHtml(d) {
    var items = [];
    function add(label, value) { if (value != null && value !== '') items.push('<dt>' + escapeHtml(label) + '</dt><dd>' + value + '</dd>'); }
    add(t('definition'), escapeHtml(d.definition));
    add(t('formula'), escapeHtml(d.formula));
    if (d.standard != null) add(t('standard'), fmt(d.standard) + ' ' + escapeHtml(d.unit));
    if (d.baseline) add(t('baseline'), fmt(d.baseline.value) + ' ' + escapeHtml(d.unit) + ' (' + escapeHtml(d.baseline.year) + ')');
    if (d.targets && d.targets.length) {
      add(t('targets'), d.targets.map(function (g) {
        return fmt(g.value) + ' ' + escapeHtml(d.unit) + ' (' + escapeHtml(g.year)
          + (g.horizon ? ', ' + escapeHtml(t('horizon')[g.horizon] || g.horizon) : '') + ')';
      }).join('<br>'));
    }
    add(t('source'), escapeHtml(d.source));
    add(t('responsible'), escapeHtml(d.responsible));
    return '<details class="sheet"><summary>' + escapeHtml(t('sheet')) + '</summary><dl>' + items.join('') + '</dl></details>';
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
    el.lang.textContent = t('langButton');
    el.lang.setAttribute('lang', t('langButtonLang'));
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

  function fillYearSelect(years) {
    var wanted = years.map(String).join(',');
    if (el.year.getAttribute('data-years') !== wanted) {
      el.year.innerHTML = '';
      years.forEach(function (y) {
        var o = document.createElement('option');
        o.value = String(y);
        o.textContent = String(y);
        el.year.appendChild(o);
      });
      el.year.setAttribute('data-years', wanted);
    }
    el.year.disabled = years.length === 0;
  }

  function syncControls() {
    if (state.indicator) el.indicator.value = state.indicator;
    el.level.value = state.level;
    if (state.year != null) el.year.value = String(state.year);
    el.wms.checked = state.wms;
  }

  function setWms(on) {
    if (on && !map.hasLayer(wmsLayer)) wmsLayer.addTo(map);
    if (!on && map.hasLayer(wmsLayer)) map.removeLayer(wmsLayer);
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** Brings the map to `state`: geometry from the cache, values for indicator/level/year, legend. */
  function render() {
    var token = ++renderToken;
    ready = false;
    applyLanguage();
    syncControls();
    setWms(state.wms);
    if (!state.indicator) {
      setStatus(t('noIndicators'));
      return Promise.resolve();
    }
    setStatus(t('loading'));
    return sheetOf(state.indicator).then(function (sheet) {
      if (token !== renderToken) return null;
      var years = sheet.years || [];
      fillYearSelect(years);
      if (years.length && years.indexOf(state.year) < 0) state.year = years[years.length - 1];
      if (!years.length) state.year = null;
      syncControls();
      writeHash();
      return Promise.all([
        sheet,
        unitsOf(state.level),
        state.year != null ? valuesOf(state.indicator, state.level, state.year) : Promise.resolve({})
      ]);
    }).then(function (loaded) {
      if (!loaded || token !== renderToken) return;
      var first = !current.layer;
      current.sheet = loaded[0];
      current.values = loaded[2];
      var layer = loaded[1];
      if (current.layer !== layer) {
        if (current.layer) map.removeLayer(current.layer);
        map.closePopup();
        current.layer = layer;
        layer.addTo(map);
      }
      recolour(layer);
      renderLegend();
      if (first) fitToUnits(layer);
      if (openPopup) openPopup.update();
      setStatus(state.year == null ? t('noYears') : '');
      ready = true;
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

  function change(patch) {
    L.extend(state, patch);
    writeHash();
    render();
  }

  // ---- start ---------------------------------------------------------------------------------

  function init() {
    ['indicator', 'level', 'year', 'wms', 'lang', 'status', 'municipality'].forEach(function (id) {
      el[id] = document.getElementById(id);
    });
    L.extend(state, readHash());

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
    wmsLayer = L.tileLayer.wms('ogc/wms', {
      layers: 'espacio_publico', format: 'image/png', transparent: true, version: '1.3.0', pane: 'wms'
    });
    wmsLayer.on('tileerror', function () { setStatus(t('wmsError'), true); });
    legendControl = new Legend().addTo(map);
    legendOpen = map.getSize().x >= 600;
    map.on('popupopen', function (e) { openPopup = e.popup; });
    map.on('popupclose', function (e) { if (openPopup === e.popup) openPopup = null; });

    el.indicator.addEventListener('change', function () { change({ indicator: el.indicator.value }); });
    el.level.addEventListener('change', function () { change({ level: el.level.value }); });
    el.year.addEventListener('change', function () { change({ year: parseInt(el.year.value, 10) }); });
    el.wms.addEventListener('change', function () { change({ wms: el.wms.checked }); });
    el.lang.addEventListener('click', function () { change({ lang: state.lang === 'es' ? 'en' : 'es' }); });
    document.getElementById('controls').addEventListener('submit', function (e) { e.preventDefault(); });
    // the skip link focuses the map without replacing the state in the hash by "#map"
    document.querySelector('.skip-link').addEventListener('click', function (e) {
      e.preventDefault();
      document.getElementById('map').focus();
    });
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') map.closePopup(); });
    window.addEventListener('hashchange', function () {
      var wanted = L.extend({}, state, readHash());
      if (JSON.stringify(wanted) !== JSON.stringify(state)) { L.extend(state, wanted); render(); }
    });

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
    get state() { return L.extend({}, state); },
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
