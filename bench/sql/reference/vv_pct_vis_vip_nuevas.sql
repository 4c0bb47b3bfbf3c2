-- Units of the housing projects of :year in each barrio: social (VIS or VIP) and all.
SELECT u.id AS unit_id,
       sum(h.units) FILTER (WHERE h.vis OR h.vip) AS n,
       coalesce(sum(h.units), 0) AS d
FROM territory.unit u
LEFT JOIN layers.housing_project h ON ST_Intersects(h.geom, u.geom) AND h.year = :year AND h.valid_from <= :year AND (h.valid_to IS NULL OR h.valid_to > :year)
WHERE u.level = 'barrio'
GROUP BY u.id
