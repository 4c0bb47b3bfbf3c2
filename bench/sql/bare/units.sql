-- pgbench script: the bare query behind /api/units?level=barrio (TerritoryRepository, tolerance 2 m).
SELECT json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
             'type', 'Feature',
             'id', u.code,
             'properties', json_build_object(
                 'code', u.code, 'name', u.name, 'level', u.level, 'kind', u.kind,
                 'parentCode', p.code, 'parentName', p.name),
             'geometry', ST_AsGeoJSON(ST_Multi(ST_Transform(ST_SimplifyPreserveTopology(u.geom, 2), 4326)), 6)::json)
           ORDER BY u.code), '[]'::json))::text
FROM territory.unit u
LEFT JOIN territory.unit p ON p.id = u.parent_id
WHERE u.level = 'barrio';
