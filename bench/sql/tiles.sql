-- Web Mercator tiles (zoom 13 to 16) over the municipality, one "minx,miny,maxx,maxy" line each, in a
-- fixed pseudo-random order so consecutive requests spread over the city and the zoom levels.
WITH m AS (SELECT ST_Transform(geom, 3857) AS g FROM territory.unit WHERE level = 'municipio'),
z AS (SELECT z, 2 * 20037508.342789244 / (1 << z) AS size FROM generate_series(13, 16) z),
t AS (
    SELECT z.z, x, y, -20037508.342789244 + x * z.size AS x0, 20037508.342789244 - (y + 1) * z.size AS y0, z.size
    FROM m, z,
         generate_series(floor((ST_XMin(m.g) + 20037508.342789244) / z.size)::integer,
                         floor((ST_XMax(m.g) + 20037508.342789244) / z.size)::integer) x,
         generate_series(floor((20037508.342789244 - ST_YMax(m.g)) / z.size)::integer,
                         floor((20037508.342789244 - ST_YMin(m.g)) / z.size)::integer) y)
SELECT format('%s,%s,%s,%s', round(t.x0::numeric, 2), round(t.y0::numeric, 2),
              round((t.x0 + t.size)::numeric, 2), round((t.y0 + t.size)::numeric, 2))
FROM t, m
WHERE ST_Intersects(m.g, ST_MakeEnvelope(t.x0, t.y0, t.x0 + t.size, t.y0 + t.size, 3857))
ORDER BY hashint8(t.z::bigint * 10000000000 + t.x::bigint * 100000 + t.y), t.z, t.x, t.y;
