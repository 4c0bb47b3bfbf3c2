-- Territory: the units of the Expediente (municipio > comuna/corregimiento > barrio/vereda),
-- population per unit and year, and the first thematic layer (public space).
CREATE EXTENSION IF NOT EXISTS postgis;

-- EPSG:9377 (MAGNA-SIRGAS / Origen-Nacional), the official national CRS since 2020, is missing
-- from spatial_ref_sys in PostGIS 3.3 (Debian 12). Definitions copied from PROJ 9.1:
--   projinfo EPSG:9377 -o WKT1:GDAL   and   projinfo EPSG:9377 -o PROJ
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
VALUES (9377, 'EPSG', 9377,
        'PROJCS["MAGNA-SIRGAS / Origen-Nacional",GEOGCS["MAGNA-SIRGAS",DATUM["Marco_Geocentrico_Nacional_de_Referencia",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6686"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4686"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",4],PARAMETER["central_meridian",-73],PARAMETER["scale_factor",0.9992],PARAMETER["false_easting",5000000],PARAMETER["false_northing",2000000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","9377"]]',
        '+proj=tmerc +lat_0=4 +lon_0=-73 +k=0.9992 +x_0=5000000 +y_0=2000000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs')
ON CONFLICT (srid) DO NOTHING;

CREATE SCHEMA territory;

-- level is the tier used to aggregate and publish; kind is the legal name of the unit at that tier.
CREATE TABLE territory.unit (
    id        bigserial PRIMARY KEY,
    code      text NOT NULL UNIQUE,
    name      text NOT NULL,
    level     text NOT NULL,
    kind      text NOT NULL,
    parent_id bigint REFERENCES territory.unit (id),
    geom      geometry(MultiPolygon, 9377) NOT NULL,
    CONSTRAINT unit_level_kind CHECK (
           (level = 'municipio' AND kind = 'municipio' AND parent_id IS NULL)
        OR (level = 'comuna' AND kind IN ('comuna', 'corregimiento') AND parent_id IS NOT NULL)
        OR (level = 'barrio' AND kind IN ('barrio', 'vereda') AND parent_id IS NOT NULL)),
    CONSTRAINT unit_geom_valid CHECK (ST_IsValid(geom))
);
CREATE INDEX unit_geom_idx ON territory.unit USING gist (geom);
CREATE INDEX unit_parent_idx ON territory.unit (parent_id);
CREATE INDEX unit_level_idx ON territory.unit (level);

-- Denominators are data with provenance: every figure names its source.
CREATE TABLE territory.population (
    unit_id    bigint  NOT NULL REFERENCES territory.unit (id) ON DELETE CASCADE,
    year       integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    population integer NOT NULL CHECK (population >= 0),
    source     text    NOT NULL,
    PRIMARY KEY (unit_id, year)
);

CREATE SCHEMA layers;

-- Public space (espacio público): parks, plazas, green areas. A feature is valid for the years
-- [valid_from, valid_to): a new year's data adds versions and never overwrites the past.
CREATE TABLE layers.public_space (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    type       text    NOT NULL CHECK (type IN ('parque', 'plaza', 'plazoleta', 'zona_verde', 'escenario_deportivo', 'otro')),
    effective  boolean NOT NULL,
    valid_from integer NOT NULL,
    valid_to   integer,
    geom       geometry(MultiPolygon, 9377) NOT NULL,
    CONSTRAINT public_space_interval CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT public_space_geom_valid CHECK (ST_IsValid(geom))
);
CREATE INDEX public_space_geom_idx ON layers.public_space USING gist (geom);
CREATE INDEX public_space_years_idx ON layers.public_space (valid_from, valid_to);
