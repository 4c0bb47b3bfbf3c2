-- A Medellín-sized synthetic city for the benchmark, generated inside PostGIS.
--
--   psql -v ON_ERROR_STOP=1 -v scale=1.0 [-v seed=2016] [-v units=grid|medellin] -f bench/sql/generate_city.sql
--
-- Deterministic: the same scale, seed and units give the same rows (pseudo-randomness comes from
-- hashint8extended() of a feature's ordinal, and ST_GeneratePoints() with a seed; nothing reads
-- random()). Replaces whatever the territory, layers and indicators schemas hold: run it only on the
-- benchmark's own database (./expediente bench uses expediente_bench).
--
-- Units (they do not scale):
--   units=grid      a synthetic municipality of 250 km²: 16 urban comunas of 4 x 4 barrios (256) and
--                   5 corregimientos of 3 veredas (15), 271 base units.
--   units=medellin  the real units loaded beforehand by ogr2ogr into bench_src.comunas, bench_src.barrios
--                   and bench_src.veredas (../shared/geodata/medellin): 21 comunas/corregimientos,
--                   271 barrios and 79 veredas, reprojected to EPSG:9377 and made valid.
--
-- What scales with :scale (1.0 = Medellín, at 2025; see bench/README.md for the table):
--   population 2,500,000 (ten years 2016-2025, growth per unit), households and dwellings per unit and
--   year, dwelling points (one per dwelling: about 914,000), 20,000 public-space polygons (plus
--   versions), 50,000 hazard polygons (plus revised versions), 2,200 facilities, 400 housing projects,
--   350 cycleway segments of 400 m, and the stations of each transit line (80 in all, at least one per
--   line). Transit lines, treatments and land classes do not scale: they are the plan's, not the
--   population's.
\set ON_ERROR_STOP on
\if :{?scale}
\else
  \set scale 1.0
\endif
\if :{?seed}
\else
  \set seed 2016
\endif
\if :{?units}
\else
  \set units grid
\endif

SET client_min_messages = warning;
SELECT CAST(:'scale' AS double precision) BETWEEN 0.001 AND 10 AS scale_ok,
       CAST(:'seed' AS bigint) BETWEEN 0 AND 1000000 AS seed_ok,
       :'units' IN ('grid', 'medellin') AS units_ok,
       :'units' = 'medellin' AS use_medellin,
       to_regclass('bench_src.barrios') IS NOT NULL AND to_regclass('bench_src.comunas') IS NOT NULL
           AND to_regclass('bench_src.veredas') IS NOT NULL AS medellin_loaded \gset
\if :scale_ok
\else
  DO $$ BEGIN RAISE EXCEPTION 'scale must be between 0.001 and 10'; END $$;
\endif
\if :seed_ok
\else
  DO $$ BEGIN RAISE EXCEPTION 'seed must be between 0 and 1000000'; END $$;
\endif
\if :units_ok
\else
  DO $$ BEGIN RAISE EXCEPTION 'units must be grid or medellin'; END $$;
\endif
\if :use_medellin
  \if :medellin_loaded
  \else
    DO $$ BEGIN RAISE EXCEPTION 'units=medellin needs bench_src.comunas, bench_src.barrios and bench_src.veredas (load them with ogr2ogr)'; END $$;
  \endif
\endif

\echo '-- generate_city: scale' :scale ', seed' :seed ', units' :units

TRUNCATE territory.unit, territory.population, territory.households, layers.import, layers.public_space,
    layers.hazard_zone, layers.transit_line, layers.transit_station, layers.cycleway, layers.road, layers.dwelling,
    layers.housing_project, layers.facility, layers.land_class, layers.treatment, layers.centrality,
    indicators.run, indicators.indicator_value, indicators.value_lineage, indicators.definition_version
    RESTART IDENTITY CASCADE;

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.params AS
SELECT CAST(:'scale' AS double precision) AS scale, CAST(:'seed' AS bigint) AS seed, CAST(:'units' AS text) AS units;

-- Uniform pseudo-random number in [0, 1) for a key and a stream (one stream per attribute).
CREATE FUNCTION bench.rnd(k bigint, stream integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (hashint8extended(k, CAST(:'seed' AS bigint) * 1009 + stream) & 9007199254740991)::double precision
           / 9007199254740992.0;

-- A positive seed for ST_GeneratePoints.
CREATE FUNCTION bench.pseed(k bigint, stream integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN 1 + (hashint8extended(k, CAST(:'seed' AS bigint) * 1013 + stream) & 1073741823)::integer;

-- n points spread uniformly in a polygon, numbered 1..n (ST_GeneratePoints may return a few less than
-- asked for a multipolygon: ask for more, keep n in a fixed pseudo-random order).
CREATE FUNCTION bench.points(g geometry, n integer, seed integer) RETURNS TABLE (i integer, geom geometry)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT x.i, x.geom
    FROM (SELECT row_number() OVER (ORDER BY hashint4(d.path[1] + seed), d.path[1])::integer AS i, d.geom
          FROM ST_Dump(ST_GeneratePoints(g, n + ST_NumGeometries(g) + 1, seed)) d) x
    WHERE x.i <= n;
END;

-- Splits a total into integers proportional to weights (largest remainder): the parts sum to the total.
CREATE FUNCTION bench.apportion(total bigint, ids bigint[], weights double precision[])
    RETURNS TABLE (id bigint, n integer)
    LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    WITH w AS (SELECT t.i, t.w FROM unnest(ids, weights) AS t(i, w)),
    q AS (SELECT w.i, total * w.w / sum(w.w) OVER () AS quota FROM w),
    f AS (SELECT q.i, floor(q.quota)::integer AS fl, q.quota - floor(q.quota) AS rem FROM q)
    SELECT f.i, f.fl + CASE WHEN row_number() OVER (ORDER BY f.rem DESC, f.i) <= total - sum(f.fl) OVER () THEN 1 ELSE 0 END
    FROM f;
END;

-- Zone of each base unit: urban (inside the urban perimeter), expansion, rural.
CREATE TABLE bench.unit_meta (unit_id bigint PRIMARY KEY, zone text NOT NULL);

\if :use_medellin
\echo '-- units: Medellín (bench_src)'
INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
SELECT '05001', 'Medellín', 'municipio', 'municipio', NULL,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(g)), 3))
FROM (SELECT ST_MakeValid(ST_Transform(geom, 9377)) AS g FROM bench_src.comunas) c;

INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
SELECT lpad(trim(c.comuna), 2, '0'), initcap(trim(c.nombre)), 'comuna',
       CASE WHEN trim(c.comuna)::integer >= 50 THEN 'corregimiento' ELSE 'comuna' END,
       (SELECT id FROM territory.unit WHERE level = 'municipio'),
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(c.geom, 9377)), 3))
FROM bench_src.comunas c
ORDER BY 1;

-- Barrios (cadastral, with the corregimiento seats and expansion areas) and rural veredas; a code
-- published twice gets a suffix.
CREATE TABLE bench.src_units AS
SELECT CASE WHEN s.n = 1 THEN s.code ELSE s.code || '-' || s.n END AS code, s.name, s.kind, s.zone, s.parent, s.geom
FROM (
    SELECT x.code, x.name, x.kind, x.zone, x.parent,
           ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(x.geom, 9377)), 3)) AS geom,
           row_number() OVER (PARTITION BY x.code ORDER BY x.kind, x.ogc_fid) AS n
    FROM (SELECT ogc_fid, trim(codigo) AS code, coalesce(nullif(trim(nombre_barrio), ''), trim(codigo)) AS name,
                 'barrio' AS kind, CASE WHEN trim(indicador_ur) = 'U' THEN 'urban' ELSE 'expansion' END AS zone,
                 lpad(trim(comuna), 2, '0') AS parent, geom
          FROM bench_src.barrios
          UNION ALL
          SELECT ogc_fid, trim(codigo), coalesce(nullif(trim(nombre_barrio), ''), trim(codigo)), 'vereda', 'rural',
                 lpad(trim(comuna), 2, '0'), geom
          FROM bench_src.veredas) x
) s;

INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
SELECT s.code, s.name, 'barrio', s.kind, p.id, s.geom
FROM bench.src_units s JOIN territory.unit p ON p.code = s.parent AND p.level = 'comuna'
WHERE NOT ST_IsEmpty(s.geom)
ORDER BY s.code;

INSERT INTO bench.unit_meta (unit_id, zone)
SELECT u.id, s.zone FROM territory.unit u JOIN bench.src_units s ON s.code = u.code WHERE u.level = 'barrio';
\else
\echo '-- units: synthetic grid'
-- 25 km x 10 km: a west rural strip of 3 corregimientos, 4 x 4 urban comunas of 2.5 km, an east strip of 2.
INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
VALUES ('05001', 'Ciudad sintética', 'municipio', 'municipio', NULL,
        ST_Multi(ST_MakeEnvelope(4704000, 2243000, 4729000, 2253000, 9377)));

INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
SELECT c.code, c.name, 'comuna', c.kind, (SELECT id FROM territory.unit WHERE level = 'municipio'),
       ST_Multi(ST_MakeEnvelope(c.x0, c.y0, c.x1, c.y1, 9377))
FROM (
    SELECT lpad(i::text, 2, '0') AS code, 'Comuna ' || i AS name, 'comuna' AS kind,
           4711500 + ((i - 1) % 4) * 2500.0 AS x0, 2243000 + ((i - 1) / 4) * 2500.0 AS y0,
           4711500 + ((i - 1) % 4 + 1) * 2500.0 AS x1, 2243000 + ((i - 1) / 4 + 1) * 2500.0 AS y1
    FROM generate_series(1, 16) i
    UNION ALL
    SELECT v.code, 'Corregimiento ' || v.code, 'corregimiento', v.x0, v.y0, v.x1, v.y1
    FROM (VALUES ('50', 4704000.0, 2243000.0, 4711500.0, 2246000.0),
                 ('60', 4704000.0, 2246000.0, 4711500.0, 2249500.0),
                 ('70', 4704000.0, 2249500.0, 4711500.0, 2253000.0),
                 ('80', 4721500.0, 2243000.0, 4729000.0, 2248000.0),
                 ('90', 4721500.0, 2248000.0, 4729000.0, 2253000.0)) v (code, x0, y0, x1, y1)
) c
ORDER BY c.code;

INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
SELECT c.code || lpad(k::text, 2, '0'), 'Barrio ' || c.code || '-' || k, 'barrio', 'barrio', c.id,
       ST_Multi(ST_MakeEnvelope(c.x0 + ((k - 1) % 4) * c.w / 4, c.y0 + ((k - 1) / 4) * c.h / 4,
                                c.x0 + ((k - 1) % 4 + 1) * c.w / 4, c.y0 + ((k - 1) / 4 + 1) * c.h / 4, 9377))
FROM (SELECT id, code, ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) - ST_XMin(geom) AS w,
             ST_YMax(geom) - ST_YMin(geom) AS h
      FROM territory.unit WHERE level = 'comuna' AND kind = 'comuna') c
CROSS JOIN generate_series(1, 16) k
UNION ALL
SELECT c.code || lpad(k::text, 2, '0'), 'Vereda ' || c.code || '-' || k, 'barrio', 'vereda', c.id,
       ST_Multi(ST_MakeEnvelope(c.x0 + (k - 1) * c.w / 3, c.y0, c.x0 + k * c.w / 3, c.y0 + c.h, 9377))
FROM (SELECT id, code, ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) - ST_XMin(geom) AS w,
             ST_YMax(geom) - ST_YMin(geom) AS h
      FROM territory.unit WHERE level = 'comuna' AND kind = 'corregimiento') c
CROSS JOIN generate_series(1, 3) k
ORDER BY 1;

-- the veredas that touch the urban block are expansion land
INSERT INTO bench.unit_meta (unit_id, zone)
SELECT id, CASE WHEN kind = 'barrio' THEN 'urban' WHEN code IN ('6003', '8001') THEN 'expansion' ELSE 'rural' END
FROM territory.unit WHERE level = 'barrio';
\endif

\echo '-- frame, demography'
-- Base units with a stable ordinal k (by code) and a hillside factor: 0 on the valley axis (the river,
-- north-south through the middle of the urban area), 1 at the urban edge and beyond.
CREATE TABLE bench.frame AS
WITH m AS (SELECT geom AS muni, ST_Area(geom) AS muni_area FROM territory.unit WHERE level = 'municipio'),
z AS (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(u.geom) FILTER (WHERE m.zone = 'urban')), 3)) AS urban,
             ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(u.geom) FILTER (WHERE m.zone = 'expansion')), 3)) AS expansion
      FROM territory.unit u JOIN bench.unit_meta m ON m.unit_id = u.id)
SELECT m.muni, m.muni_area, z.urban, z.expansion,
       ST_XMin(m.muni) AS mx0, ST_YMin(m.muni) AS my0, ST_XMax(m.muni) AS mx1, ST_YMax(m.muni) AS my1,
       ST_XMin(z.urban) AS ux0, ST_YMin(z.urban) AS uy0, ST_XMax(z.urban) AS ux1, ST_YMax(z.urban) AS uy1,
       (ST_XMin(z.urban) + ST_XMax(z.urban)) / 2 AS axis_x, (ST_XMax(z.urban) - ST_XMin(z.urban)) / 2 AS half_w
FROM m, z;

CREATE FUNCTION bench.hill(x double precision) RETURNS double precision
    LANGUAGE sql STABLE
    RETURN (SELECT least(1, abs(x - f.axis_x) / f.half_w) FROM bench.frame f);

CREATE TABLE bench.base AS
SELECT u.id, u.code, u.kind, m.zone, u.geom, ST_Area(u.geom) AS area,
       row_number() OVER (ORDER BY u.code) AS k,
       CASE WHEN m.zone = 'urban' THEN bench.hill(ST_X(ST_PointOnSurface(u.geom))) ELSE 1 END AS hill
FROM territory.unit u JOIN bench.unit_meta m ON m.unit_id = u.id
WHERE u.level = 'barrio';

-- Density weight (dense hillsides, as in Medellín) and yearly growth per unit.
CREATE TABLE bench.demography AS
WITH w AS (
    SELECT b.id, b.k, b.zone,
           b.area * CASE b.zone WHEN 'urban' THEN 0.35 + 1.3 * bench.rnd(b.k, 1) + 0.6 * b.hill
                                WHEN 'expansion' THEN 0.08 ELSE 0.02 + 0.03 * bench.rnd(b.k, 1) END AS w,
           -0.004 + 0.02 * bench.rnd(b.k, 2) + CASE WHEN b.zone = 'expansion' THEN 0.03 ELSE 0 END AS growth
    FROM bench.base b)
SELECT w.id, w.k, w.zone, w.w, w.growth, greatest(1, a.n) AS pop2025
FROM w
JOIN bench.apportion(round(2500000 * (SELECT scale FROM bench.params))::bigint,
                     (SELECT array_agg(id ORDER BY id) FROM w), (SELECT array_agg(w ORDER BY id) FROM w)) a ON a.id = w.id;

INSERT INTO territory.population (unit_id, year, population, source)
SELECT d.id, y, round(d.pop2025 * power(1 + d.growth, y - 2025))::integer,
       'Ciudad sintética del benchmark (generate_city.sql, escala ' || p.scale || ')'
FROM bench.demography d CROSS JOIN generate_series(2016, 2025) y CROSS JOIN bench.params p;

-- Households: population over a household size falling from 3.2 (2016) to 2.9 (2025); dwellings a few
-- percent above households (vacancy).
INSERT INTO territory.households (unit_id, year, households, occupied_dwellings, dwellings, source)
SELECT h.unit_id, h.year, h.hh, round(h.hh * 0.99)::integer, round(h.hh * (1.03 + 0.05 * bench.rnd(h.k, 4)))::integer,
       h.source
FROM (SELECT p.unit_id, p.year, d.k, p.source,
             round(p.population / (3.20 - 0.035 * (p.year - 2016) + 0.3 * (bench.rnd(d.k, 3) - 0.5)))::integer AS hh
      FROM territory.population p JOIN bench.demography d ON d.id = p.unit_id) h;

-- The dwelling stock does not shrink (rounding could make it wobble by one in a small unit).
UPDATE territory.households h
SET dwellings = m.cm
FROM (SELECT unit_id, year, max(dwellings) OVER (PARTITION BY unit_id ORDER BY year) AS cm FROM territory.households) m
WHERE m.unit_id = h.unit_id AND m.year = h.year AND h.dwellings <> m.cm;

\echo '-- dwellings'
-- One point per dwelling, spread uniformly inside its unit (so at the density of the unit). Dwelling j of
-- a unit exists from the first year the unit has at least j dwellings; 1 % of the older ones are
-- demolished between 2017 and 2025 and rebuilt on the same spot (a new version) the same year.
CREATE TABLE bench.dwelling_counts AS
SELECT unit_id, array_agg(dwellings ORDER BY year) AS cum, max(dwellings) AS n
FROM territory.households
GROUP BY unit_id;

INSERT INTO layers.dwelling (source_id, units, year_built, valid_from, valid_to, geom)
SELECT 'V-' || b.code || '-' || d.i, 1, y.built, y.built,
       CASE WHEN y.built < 2016 AND bench.rnd(b.k * 1000000 + d.i, 12) < 0.01
            THEN 2017 + floor(9 * bench.rnd(b.k * 1000000 + d.i, 13))::integer END,
       d.geom
FROM bench.base b
JOIN bench.dwelling_counts c ON c.unit_id = b.id
CROSS JOIN LATERAL bench.points(b.geom, c.n, bench.pseed(b.k, 10)) d
CROSS JOIN LATERAL (
    SELECT CASE WHEN d.i <= c.cum[1] THEN 1950 + floor(65 * bench.rnd(b.k * 1000000 + d.i, 11))::integer
                ELSE 2016 + (SELECT count(*) FROM unnest(c.cum) x WHERE x < d.i)::integer END AS built) y
WHERE c.n > 0;

INSERT INTO layers.dwelling (source_id, units, year_built, valid_from, valid_to, geom)
SELECT source_id || '-R', units, valid_to, valid_to, NULL, geom
FROM layers.dwelling WHERE valid_to IS NOT NULL
ORDER BY id;

\echo '-- public space'
-- Parks, plazas and green areas: 16-sided polygons of radius 4-34 m (mostly small), more of them in large
-- urban units. 80 % predate 2016, the rest open 2016-2025; 4 % of the older ones are redone between
-- 2017 and 2025 (the old version closes, a 15 % larger one opens).
CREATE TABLE bench.ps AS
WITH alloc AS (
    SELECT a.id, a.n FROM bench.apportion(round(20000 * (SELECT scale FROM bench.params))::bigint,
        (SELECT array_agg(id ORDER BY id) FROM bench.base),
        (SELECT array_agg(area * CASE zone WHEN 'urban' THEN 0.6 + 0.8 * bench.rnd(k, 20) WHEN 'expansion' THEN 0.2 ELSE 0.03 END
                          ORDER BY id) FROM bench.base)) a)
SELECT b.code || '-' || d.i AS sid, r.*, d.geom AS pt,
       CASE WHEN r.t < 0.35 THEN 'parque' WHEN r.t < 0.40 THEN 'plaza' WHEN r.t < 0.50 THEN 'plazoleta'
            WHEN r.t < 0.88 THEN 'zona_verde' WHEN r.t < 0.96 THEN 'escenario_deportivo' ELSE 'otro' END AS type,
       4 + 30 * r.s * r.s AS radius,
       CASE WHEN r.o < 0.8 THEN 1980 + floor(36 * r.c)::integer ELSE 2016 + floor(10 * r.c)::integer END AS opened,
       CASE WHEN r.o < 0.8 AND r.v < 0.05 THEN 2017 + floor(9 * r.c2)::integer END AS redone
FROM alloc a
JOIN bench.base b ON b.id = a.id
CROSS JOIN LATERAL bench.points(b.geom, a.n, bench.pseed(b.k, 21)) d
CROSS JOIN LATERAL (SELECT bench.rnd(b.k * 1000000 + d.i, 22) AS t, bench.rnd(b.k * 1000000 + d.i, 23) AS s,
                           bench.rnd(b.k * 1000000 + d.i, 24) AS o, bench.rnd(b.k * 1000000 + d.i, 25) AS c,
                           bench.rnd(b.k * 1000000 + d.i, 26) AS v, bench.rnd(b.k * 1000000 + d.i, 27) AS c2,
                           bench.rnd(b.k * 1000000 + d.i, 28) AS e) r
WHERE a.n > 0;

INSERT INTO layers.public_space (source_id, name, type, effective, valid_from, valid_to, geom)
SELECT 'EP-' || sid, initcap(replace(type, '_', ' ')) || ' ' || sid, type,
       type IN ('parque', 'plaza', 'plazoleta') OR (type = 'zona_verde' AND e < 0.25), opened, redone,
       ST_Multi(ST_Buffer(pt, radius, 'quad_segs=4'))
FROM bench.ps
UNION ALL
SELECT 'EP-' || sid, initcap(replace(type, '_', ' ')) || ' ' || sid || ' (renovado)', type,
       type IN ('parque', 'plaza', 'plazoleta') OR (type = 'zona_verde' AND e < 0.25), redone, NULL,
       ST_Multi(ST_Buffer(pt, radius * 1.15, 'quad_segs=4'))
FROM bench.ps WHERE redone IS NOT NULL
ORDER BY 1, 5;

\echo '-- hazard zones'
-- Non-overlapping octagons, one per chosen cell of a grid over the municipality sized so that 40 % of
-- the cells are chosen; cells are drawn (weighted sampling without replacement) mostly on hillsides
-- (mass movement) and along the river (floods). All from the 2014 plan; 10 % are revised by the studies
-- of 2019 or 2023 (the old version closes, one with another level opens).
CREATE TABLE bench.hz AS
WITH p AS (SELECT round(50000 * scale)::integer AS n FROM bench.params),
g AS (SELECT f.*, sqrt(f.muni_area / (2.5 * p.n)) AS c, p.n FROM bench.frame f, p),
cells AS (
    SELECT row_number() OVER (ORDER BY i, j) AS cell, g.c,
           ST_SetSRID(ST_MakePoint(g.mx0 + (i + 0.5) * g.c, g.my0 + (j + 0.5) * g.c), 9377) AS center
    FROM g
    CROSS JOIN LATERAL generate_series(0, ceil((g.mx1 - g.mx0) / g.c)::integer) i
    CROSS JOIN LATERAL generate_series(0, ceil((g.my1 - g.my0) / g.c)::integer) j
    WHERE ST_Intersects(g.muni, ST_SetSRID(ST_MakePoint(g.mx0 + (i + 0.5) * g.c, g.my0 + (j + 0.5) * g.c), 9377))),
weighted AS (
    SELECT cells.*, abs(ST_X(center) - f.axis_x) AS dx, least(1, abs(ST_X(center) - f.axis_x) / f.half_w) AS h
    FROM cells, bench.frame f)
SELECT w.cell, w.center, w.c, w.dx, w.h
FROM weighted w
ORDER BY -ln(1 - bench.rnd(w.cell, 30)) / (0.05 + w.h * w.h + 0.6 * exp(-least(power(w.dx / 500, 2), 50)))
LIMIT (SELECT n FROM p);

CREATE TABLE bench.hz2 AS
SELECT z.cell, z.center, z.c, r.*,
       CASE WHEN z.dx < 700 THEN CASE WHEN r.t < 0.7 THEN 'inundacion' ELSE 'avenida_torrencial' END
            ELSE CASE WHEN r.t < 0.85 THEN 'movimiento_en_masa' ELSE 'avenida_torrencial' END END AS hazard,
       CASE WHEN r.l < 0.15 + 0.35 * z.h THEN 'alta' WHEN r.l < 0.55 + 0.25 * z.h THEN 'media' ELSE 'baja' END AS level,
       CASE WHEN r.v < 0.10 THEN CASE WHEN r.v < 0.05 THEN 2019 ELSE 2023 END END AS revised
FROM bench.hz z
CROSS JOIN LATERAL (SELECT bench.rnd(z.cell, 31) AS t, bench.rnd(z.cell, 32) AS l, bench.rnd(z.cell, 33) AS m,
                           bench.rnd(z.cell, 34) AS v, bench.rnd(z.cell, 35) AS sz,
                           bench.rnd(z.cell, 36) AS jx, bench.rnd(z.cell, 37) AS jy) r;

INSERT INTO layers.hazard_zone (source_id, name, hazard, level, non_mitigable, valid_from, valid_to, geom)
SELECT 'AM-' || cell, 'Zona de amenaza ' || cell, hazard, level, level = 'alta' AND m < 0.12, 2014, revised,
       ST_Multi(ST_Buffer(ST_Translate(center, (jx - 0.5) * 0.04 * c, (jy - 0.5) * 0.04 * c), c * (0.2 + 0.26 * sz), 'quad_segs=2'))
FROM bench.hz2
UNION ALL
SELECT 'AM-' || cell, 'Zona de amenaza ' || cell || ' (revisada ' || revised || ')', hazard,
       CASE level WHEN 'alta' THEN 'media' WHEN 'media' THEN 'baja' ELSE 'media' END, false, revised, NULL,
       ST_Multi(ST_Buffer(ST_Translate(center, (jx - 0.5) * 0.04 * c, (jy - 0.5) * 0.04 * c), c * (0.2 + 0.26 * sz), 'quad_segs=2'))
FROM bench.hz2 WHERE revised IS NOT NULL
ORDER BY 1, 6;

\echo '-- transit, cycleways'
-- Ten lines laid out on the urban area's bounding box (fractions of it), with their opening years and
-- stations at Medellín's count (80 in all); stations scale, at least one per line.
CREATE TABLE bench.lines (line, name, mode, opened, fx0, fy0, fx1, fy1, stations) AS
VALUES ('A', 'Línea A', 'metro', 1995, 0.50, 0.00, 0.50, 1.00, 21),
       ('B', 'Línea B', 'metro', 1996, 0.50, 0.55, 0.15, 0.55, 6),
       ('T-A', 'Tranvía de Ayacucho', 'tranvia', 2016, 0.50, 0.50, 0.80, 0.52, 9),
       ('K', 'Línea K', 'cable', 2004, 0.50, 0.80, 0.75, 0.90, 4),
       ('J', 'Línea J', 'cable', 2008, 0.20, 0.55, 0.05, 0.70, 4),
       ('H', 'Línea H', 'cable', 2016, 0.80, 0.52, 0.95, 0.55, 3),
       ('M', 'Línea M', 'cable', 2019, 0.70, 0.30, 0.90, 0.25, 3),
       ('P', 'Línea P', 'cable', 2021, 0.50, 0.85, 0.25, 0.95, 4),
       ('1', 'Línea 1 de buses', 'brt', 2011, 0.35, 0.10, 0.65, 0.95, 20),
       ('2', 'Línea 2 de buses', 'brt', 2013, 0.55, 0.05, 0.60, 0.60, 6);

INSERT INTO layers.transit_line (source_id, name, line, mode, status, valid_from, geom)
SELECT 'LT-' || l.line, l.name, l.line, l.mode, 'operacion', l.opened,
       ST_Multi(ST_MakeLine(ST_SetSRID(ST_MakePoint(f.ux0 + l.fx0 * (f.ux1 - f.ux0), f.uy0 + l.fy0 * (f.uy1 - f.uy0)), 9377),
                            ST_SetSRID(ST_MakePoint(f.ux0 + l.fx1 * (f.ux1 - f.ux0), f.uy0 + l.fy1 * (f.uy1 - f.uy0)), 9377)))
FROM bench.lines l, bench.frame f
ORDER BY l.opened, l.line;

INSERT INTO layers.transit_station (source_id, name, line, mode, status, valid_from, geom)
SELECT 'ET-' || t.line || '-' || i, 'Estación ' || i || ' ' || l.name, t.line, t.mode, 'operacion', t.valid_from,
       ST_LineInterpolatePoint(ST_GeometryN(t.geom, 1), (i - 0.5) / n.n)
FROM layers.transit_line t
JOIN bench.lines l ON l.line = t.line
CROSS JOIN LATERAL (SELECT greatest(1, round(l.stations * (SELECT scale FROM bench.params)))::integer AS n) n
CROSS JOIN LATERAL generate_series(1, n.n) i
ORDER BY t.id, i;

-- Cycleways: 400 m block edges of a street grid inside the urban perimeter, drawn mostly in the valley;
-- 55 % built 2005-2015, the rest one after another 2016-2025.
CREATE TABLE bench.cy AS
WITH e AS (
    SELECT row_number() OVER (ORDER BY d, i, j) AS e, g
    FROM (SELECT 'h' AS d, i, j, ST_SetSRID(ST_MakeLine(ST_MakePoint(f.ux0 + i * 400, f.uy0 + j * 400),
                                                        ST_MakePoint(f.ux0 + (i + 1) * 400, f.uy0 + j * 400)), 9377) AS g
          FROM bench.frame f, generate_series(0, ceil((f.ux1 - f.ux0) / 400)::integer) i,
               generate_series(0, ceil((f.uy1 - f.uy0) / 400)::integer) j
          UNION ALL
          SELECT 'v', i, j, ST_SetSRID(ST_MakeLine(ST_MakePoint(f.ux0 + i * 400, f.uy0 + j * 400),
                                                   ST_MakePoint(f.ux0 + i * 400, f.uy0 + (j + 1) * 400)), 9377)
          FROM bench.frame f, generate_series(0, ceil((f.ux1 - f.ux0) / 400)::integer) i,
               generate_series(0, ceil((f.uy1 - f.uy0) / 400)::integer) j) x)
SELECT e.e, e.g
FROM e, bench.frame f
WHERE ST_Intersects(f.urban, ST_LineInterpolatePoint(e.g, 0.5))
ORDER BY -ln(1 - bench.rnd(e.e, 40)) / (1.2 - bench.hill(ST_X(ST_LineInterpolatePoint(e.g, 0.5))))
LIMIT (SELECT round(350 * scale)::integer FROM bench.params);

INSERT INTO layers.cycleway (source_id, name, year_built, status, type, valid_from, geom)
SELECT 'CR-' || e, 'Ciclorruta ' || e, y, 'construida',
       CASE WHEN bench.rnd(e, 42) < 0.6 THEN 'bidireccional' WHEN bench.rnd(e, 42) < 0.85 THEN 'unidireccional' ELSE 'compartida' END,
       y, ST_Multi(g)
FROM (SELECT e, g, CASE WHEN bench.rnd(e, 41) < 0.55 THEN 2005 + floor(11 * bench.rnd(e, 43))::integer
                        ELSE 2016 + floor(10 * bench.rnd(e, 43))::integer END AS y FROM bench.cy) c
ORDER BY e;

\echo '-- facilities, housing projects'
-- Facilities where people live (weighted by 2025 population); 85 % predate 2016, 15 % open 2016-2025,
-- 3 % of the older ones close 2017-2025.
INSERT INTO layers.facility (source_id, name, category, scale, sector, valid_from, valid_to, geom)
SELECT 'EQ-' || b.code || '-' || d.i, 'Equipamiento ' || b.code || '-' || d.i,
       CASE WHEN r.c < 0.30 THEN 'educacion' WHEN r.c < 0.45 THEN 'deporte_recreacion' WHEN r.c < 0.57 THEN 'comunitario'
            WHEN r.c < 0.69 THEN 'culto' WHEN r.c < 0.74 THEN 'salud' WHEN r.c < 0.78 THEN 'cultura'
            WHEN r.c < 0.82 THEN 'seguridad' WHEN r.c < 0.85 THEN 'abastecimiento' WHEN r.c < 0.89 THEN 'administracion'
            WHEN r.c < 0.93 THEN 'servicios_publicos' ELSE 'otro' END,
       CASE WHEN r.s < 0.45 THEN 'vecinal' WHEN r.s < 0.80 THEN 'barrial' WHEN r.s < 0.95 THEN 'zonal' ELSE 'ciudad' END,
       CASE WHEN r.o < 0.7 THEN 'oficial' ELSE 'privado' END,
       CASE WHEN r.y < 0.85 THEN 1960 + floor(56 * r.y2)::integer ELSE 2016 + floor(10 * r.y2)::integer END,
       CASE WHEN r.y < 0.85 AND r.x < 0.03 THEN 2017 + floor(9 * r.x2)::integer END,
       d.geom
FROM bench.apportion(round(2200 * (SELECT scale FROM bench.params))::bigint,
                     (SELECT array_agg(id ORDER BY id) FROM bench.demography),
                     (SELECT array_agg(pop2025::double precision ORDER BY id) FROM bench.demography)) a
JOIN bench.base b ON b.id = a.id
CROSS JOIN LATERAL bench.points(b.geom, a.n, bench.pseed(b.k, 50)) d
CROSS JOIN LATERAL (SELECT bench.rnd(b.k * 1000000 + d.i, 51) AS c, bench.rnd(b.k * 1000000 + d.i, 52) AS s,
                           bench.rnd(b.k * 1000000 + d.i, 53) AS o, bench.rnd(b.k * 1000000 + d.i, 54) AS y,
                           bench.rnd(b.k * 1000000 + d.i, 55) AS y2, bench.rnd(b.k * 1000000 + d.i, 56) AS x,
                           bench.rnd(b.k * 1000000 + d.i, 57) AS x2) r
WHERE a.n > 0
ORDER BY b.code, d.i;

-- Housing projects, 40 a year at scale 1, where the population grows (urban and expansion units).
CREATE TABLE bench.growth_cdf AS
SELECT id, k, coalesce(lag(cum) OVER (ORDER BY k), 0) / total AS lo, cum / total AS hi
FROM (SELECT d.id, d.k, sum(d.pop2025 * (d.growth + 0.01)) OVER (ORDER BY d.k) AS cum,
             sum(d.pop2025 * (d.growth + 0.01)) OVER () AS total
      FROM bench.demography d WHERE d.zone <> 'rural') x;

INSERT INTO layers.housing_project (source_id, name, units, vis, vip, year, valid_from, geom)
SELECT 'PV-' || p, 'Proyecto de vivienda ' || p, 40 + floor(600 * power(bench.rnd(p, 61), 2))::integer,
       bench.rnd(p, 62) < 0.55, bench.rnd(p, 62) < 0.55 AND bench.rnd(p, 63) < 0.45,
       2016 + (p - 1) % 10, 2016 + (p - 1) % 10,
       (ST_Dump(ST_GeneratePoints(b.geom, 1, bench.pseed(p, 64)))).geom
FROM generate_series(1, (SELECT greatest(1, round(400 * scale))::integer FROM bench.params)) p
JOIN bench.growth_cdf c ON bench.rnd(p, 60) >= c.lo AND bench.rnd(p, 60) < c.hi
JOIN bench.base b ON b.id = c.id
ORDER BY p;

\echo '-- land classes, treatments'
-- Land classes of the 2014 plan; in 2021 the first expansion area joins the urban perimeter.
CREATE TABLE bench.first_expansion AS
SELECT b.geom FROM bench.base b WHERE b.zone = 'expansion' ORDER BY b.k LIMIT 1;

INSERT INTO layers.land_class (source_id, class, valid_from, valid_to, geom)
SELECT 'CS-urbano', 'urbano', 2014, 2021, f.urban FROM bench.frame f
UNION ALL
SELECT 'CS-urbano', 'urbano', 2021, NULL,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(f.urban, coalesce((SELECT geom FROM bench.first_expansion), f.urban))), 3))
FROM bench.frame f
UNION ALL
SELECT 'CS-expansion', 'expansion', 2014, 2021, f.expansion FROM bench.frame f WHERE f.expansion IS NOT NULL
UNION ALL
SELECT 'CS-expansion', 'expansion', 2021, NULL,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Difference(f.expansion, (SELECT geom FROM bench.first_expansion))), 3))
FROM bench.frame f
WHERE f.expansion IS NOT NULL
  AND NOT ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(ST_Difference(f.expansion, (SELECT geom FROM bench.first_expansion))), 3))
UNION ALL
SELECT 'CS-rural', 'rural', 2014, NULL,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Difference(f.muni,
           CASE WHEN f.expansion IS NULL THEN f.urban ELSE ST_Union(f.urban, f.expansion) END)), 3))
FROM bench.frame f;

-- Treatments: 700 m cells of the urban area (and the expansion areas, 'desarrollo') with their maximum
-- density in dwellings per hectare; 10 % are amended in 2021 (density +20 %).
CREATE TABLE bench.tr AS
WITH cells AS (
    SELECT row_number() OVER (ORDER BY i, j) AS cell,
           ST_MakeEnvelope(f.ux0 + i * 700, f.uy0 + j * 700, f.ux0 + (i + 1) * 700, f.uy0 + (j + 1) * 700, 9377) AS g
    FROM bench.frame f, generate_series(0, ceil((f.ux1 - f.ux0) / 700)::integer) i,
         generate_series(0, ceil((f.uy1 - f.uy0) / 700)::integer) j),
parts AS (
    SELECT c.cell, 'u' AS part, ST_CollectionExtract(ST_Intersection(c.g, f.urban), 3) AS g, bench.hill(ST_X(ST_Centroid(c.g))) AS h
    FROM cells c, bench.frame f WHERE ST_Intersects(c.g, f.urban)
    UNION ALL
    SELECT c.cell, 'e', ST_CollectionExtract(ST_Intersection(c.g, f.expansion), 3), 1
    FROM cells c, bench.frame f WHERE f.expansion IS NOT NULL AND ST_Intersects(c.g, f.expansion))
SELECT p.cell, p.part, ST_Multi(ST_CollectionExtract(ST_MakeValid(p.g), 3)) AS g, r.v,
       CASE WHEN p.part = 'e' THEN 'desarrollo'
            WHEN p.h > 0.7 AND r.v < 0.6 THEN 'mejoramiento_integral'
            WHEN p.h < 0.25 AND r.v < 0.35 THEN 'renovacion'
            WHEN r.v < 0.05 THEN 'conservacion'
            WHEN r.v < 0.35 THEN 'consolidacion_1' WHEN r.v < 0.60 THEN 'consolidacion_2'
            WHEN r.v < 0.85 THEN 'consolidacion_3' ELSE 'consolidacion_4' END AS type
FROM parts p
CROSS JOIN LATERAL (SELECT bench.rnd(p.cell * 2 + (p.part = 'e')::integer, 70) AS v) r
WHERE NOT ST_IsEmpty(p.g) AND ST_Area(p.g) > 1;

CREATE TABLE bench.tr2 AS
SELECT t.*, d.code, d.density, d.ic, d.height,
       CASE WHEN bench.rnd(t.cell * 2 + (t.part = 'e')::integer, 71) < 0.10 THEN 2021 END AS amended
FROM bench.tr t
JOIN (VALUES ('desarrollo', 'D', 120.0, 2.0, '8 pisos'), ('mejoramiento_integral', 'MI', 150.0, 1.5, '5 pisos'),
             ('renovacion', 'R', 350.0, 5.0, 'Libre'), ('conservacion', 'C', 80.0, 1.0, '3 pisos'),
             ('consolidacion_1', 'CN1', 250.0, 3.5, '12 pisos'), ('consolidacion_2', 'CN2', 220.0, 3.0, '10 pisos'),
             ('consolidacion_3', 'CN3', 180.0, 2.5, '8 pisos'), ('consolidacion_4', 'CN4', 120.0, 1.8, '5 pisos'))
     d (type, code, density, ic, height) ON d.type = t.type;

INSERT INTO layers.treatment (source_id, code, type, name, max_density, max_height, max_ic, valid_from, valid_to, geom)
SELECT 'TU-' || cell || part, code, type, initcap(replace(type, '_', ' ')) || ' ' || cell, density, height, ic, 2014, amended, g
FROM bench.tr2
UNION ALL
SELECT 'TU-' || cell || part, code, type, initcap(replace(type, '_', ' ')) || ' ' || cell || ' (modificado 2021)',
       round(density * 1.2), height, ic, 2021, NULL, g
FROM bench.tr2 WHERE amended IS NOT NULL
ORDER BY 1, 8;

-- One loaded import per layer, as the import pipeline would record it.
INSERT INTO layers.import (layer, source_name, source_format, source_crs, year_from, mode, status, features_read,
                           features_loaded, features_repaired, features_rejected, source_note, imported_by, finished_at)
SELECT l.layer, 'generate_city.sql', 'PostGIS', 'EPSG:9377', 2016, 'replace', 'loaded', l.n, l.n, 0, 0,
       'Ciudad sintética del benchmark: escala ' || p.scale || ', semilla ' || p.seed || ', unidades ' || p.units,
       'bench', now()
FROM (SELECT 'public_space' AS layer, count(*) AS n FROM layers.public_space
      UNION ALL SELECT 'hazard_zone', count(*) FROM layers.hazard_zone
      UNION ALL SELECT 'transit_line', count(*) FROM layers.transit_line
      UNION ALL SELECT 'transit_station', count(*) FROM layers.transit_station
      UNION ALL SELECT 'cycleway', count(*) FROM layers.cycleway
      UNION ALL SELECT 'dwelling', count(*) FROM layers.dwelling
      UNION ALL SELECT 'housing_project', count(*) FROM layers.housing_project
      UNION ALL SELECT 'facility', count(*) FROM layers.facility
      UNION ALL SELECT 'land_class', count(*) FROM layers.land_class
      UNION ALL SELECT 'treatment', count(*) FROM layers.treatment) l
CROSS JOIN bench.params p;

\echo '-- vacuum, analyze'
VACUUM (ANALYZE) territory.unit, territory.population, territory.households, layers.public_space, layers.hazard_zone,
    layers.transit_line, layers.transit_station, layers.cycleway, layers.dwelling, layers.housing_project,
    layers.facility, layers.land_class, layers.treatment, layers.import;

-- What was generated: rows, and features in force in 2025.
\pset footer off
SELECT 'territory.unit (barrio level)' AS "table", count(*) AS "rows", count(*) AS "2025" FROM territory.unit WHERE level = 'barrio'
UNION ALL SELECT 'territory.population (sum, 2025)', count(*), sum(population) FILTER (WHERE year = 2025) FROM territory.population
UNION ALL SELECT 'territory.households (dwellings, 2025)', count(*), sum(dwellings) FILTER (WHERE year = 2025) FROM territory.households
UNION ALL SELECT 'layers.dwelling', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.dwelling
UNION ALL SELECT 'layers.public_space', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.public_space
UNION ALL SELECT 'layers.hazard_zone', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.hazard_zone
UNION ALL SELECT 'layers.transit_station', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.transit_station
UNION ALL SELECT 'layers.cycleway', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.cycleway
UNION ALL SELECT 'layers.facility', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.facility
UNION ALL SELECT 'layers.housing_project', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.housing_project
UNION ALL SELECT 'layers.treatment', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.treatment
UNION ALL SELECT 'layers.land_class', count(*), count(*) FILTER (WHERE valid_from <= 2025 AND (valid_to IS NULL OR valid_to > 2025)) FROM layers.land_class;
