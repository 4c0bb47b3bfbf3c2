-- Thematic layers of the structuring systems (target schemas; see docs/layers.md) and the record
-- of every import. Every feature is valid for the years [valid_from, valid_to): importing a new
-- year adds versions and never erases the past. import_id ties each feature to the import that
-- brought it (lineage).

-- One row per import (or dry run): what was read, loaded, repaired, rejected, and why.
CREATE TABLE layers.import (
    id            bigserial PRIMARY KEY,
    layer         text        NOT NULL,
    source_name   text        NOT NULL,
    source_format text,
    source_crs    text,
    year_from     integer     NOT NULL,
    year_to       integer,
    mode          text        NOT NULL CHECK (mode IN ('append', 'replace')),
    dry_run       boolean     NOT NULL DEFAULT false,
    status        text        NOT NULL CHECK (status IN ('running', 'loaded', 'rejected', 'dry_run', 'failed')),
    features_read     integer,
    features_loaded   integer,
    features_repaired integer,
    features_rejected integer,
    report        jsonb,
    source_note   text,
    imported_by   text,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    CONSTRAINT import_interval CHECK (year_to IS NULL OR year_to > year_from)
);

ALTER TABLE layers.public_space ADD COLUMN import_id bigint REFERENCES layers.import (id);

-- Risk: hazard zones by type and level, and zones of high non-mitigable risk.
CREATE TABLE layers.hazard_zone (
    id            bigserial PRIMARY KEY,
    source_id     text    NOT NULL,
    name          text,
    hazard        text    NOT NULL CHECK (hazard IN ('movimiento_en_masa', 'inundacion', 'avenida_torrencial')),
    level         text    NOT NULL CHECK (level IN ('alta', 'media', 'baja')),
    non_mitigable boolean NOT NULL DEFAULT false,
    valid_from    integer NOT NULL,
    valid_to      integer,
    import_id     bigint REFERENCES layers.import (id),
    geom          geometry(MultiPolygon, 9377) NOT NULL,
    CONSTRAINT hazard_zone_interval CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT hazard_zone_geom_valid CHECK (ST_IsValid(geom))
);

-- Mobility: mass transit by mode, cycling network, road hierarchy.
CREATE TABLE layers.transit_line (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    line       text,
    mode       text    NOT NULL CHECK (mode IN ('metro', 'cable', 'brt', 'tranvia', 'bus', 'tren')),
    status     text,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(MultiLineString, 9377) NOT NULL,
    CONSTRAINT transit_line_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE layers.transit_station (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    line       text,
    mode       text    NOT NULL CHECK (mode IN ('metro', 'cable', 'brt', 'tranvia', 'bus', 'tren')),
    status     text,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(Point, 9377) NOT NULL,
    CONSTRAINT transit_station_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE layers.cycleway (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    year_built integer,
    status     text,
    type       text,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(MultiLineString, 9377) NOT NULL,
    CONSTRAINT cycleway_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE layers.road (
    id             bigserial PRIMARY KEY,
    source_id      text    NOT NULL,
    name           text,
    hierarchy      text    NOT NULL,
    classification text,
    status         text,
    valid_from     integer NOT NULL,
    valid_to       integer,
    import_id      bigint REFERENCES layers.import (id),
    geom           geometry(MultiLineString, 9377) NOT NULL,
    CONSTRAINT road_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- Housing: dwellings (or buildings, as a representative point with their number of units) and
-- housing projects with their social-housing flags (VIS: vivienda de interés social; VIP: prioritario).
CREATE TABLE layers.dwelling (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    units      integer NOT NULL CHECK (units >= 1),
    year_built integer,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(Point, 9377) NOT NULL,
    CONSTRAINT dwelling_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE layers.housing_project (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    units      integer NOT NULL CHECK (units >= 1),
    vis        boolean NOT NULL DEFAULT false,
    vip        boolean NOT NULL DEFAULT false,
    year       integer NOT NULL,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(Point, 9377) NOT NULL,
    CONSTRAINT housing_project_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- Facilities (equipamientos).
CREATE TABLE layers.facility (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    category   text    NOT NULL CHECK (category IN ('educacion', 'salud', 'cultura', 'deporte_recreacion',
                   'comunitario', 'culto', 'seguridad', 'abastecimiento', 'administracion', 'servicios_publicos', 'otro')),
    scale      text,
    sector     text,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(Point, 9377) NOT NULL,
    CONSTRAINT facility_interval CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- Land classification (clasificación del suelo); the urban perimeter is the union of 'urbano'.
CREATE TABLE layers.land_class (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    class      text    NOT NULL CHECK (class IN ('urbano', 'expansion', 'rural', 'suburbano')),
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(MultiPolygon, 9377) NOT NULL,
    CONSTRAINT land_class_interval CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT land_class_geom_valid CHECK (ST_IsValid(geom))
);

-- POT urban treatments (tratamientos urbanísticos) with their density limits.
CREATE TABLE layers.treatment (
    id          bigserial PRIMARY KEY,
    source_id   text    NOT NULL,
    code        text,
    type        text    NOT NULL,
    name        text,
    max_density double precision CHECK (max_density IS NULL OR max_density >= 0),
    max_height  text,
    max_ic      double precision,
    valid_from  integer NOT NULL,
    valid_to    integer,
    import_id   bigint REFERENCES layers.import (id),
    geom        geometry(MultiPolygon, 9377) NOT NULL,
    CONSTRAINT treatment_interval CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT treatment_geom_valid CHECK (ST_IsValid(geom))
);

-- POT centralities (centralidades).
CREATE TABLE layers.centrality (
    id         bigserial PRIMARY KEY,
    source_id  text    NOT NULL,
    name       text,
    hierarchy  text,
    valid_from integer NOT NULL,
    valid_to   integer,
    import_id  bigint REFERENCES layers.import (id),
    geom       geometry(MultiPolygon, 9377) NOT NULL,
    CONSTRAINT centrality_interval CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT centrality_geom_valid CHECK (ST_IsValid(geom))
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['hazard_zone', 'transit_line', 'transit_station', 'cycleway', 'road', 'dwelling',
                             'housing_project', 'facility', 'land_class', 'treatment', 'centrality'] LOOP
        EXECUTE format('CREATE INDEX %I ON layers.%I USING gist (geom)', t || '_geom_idx', t);
        EXECUTE format('CREATE INDEX %I ON layers.%I (valid_from, valid_to)', t || '_years_idx', t);
    END LOOP;
END $$;

-- Households and dwellings per unit and year (denominators, with their source).
CREATE TABLE territory.households (
    unit_id            bigint  NOT NULL REFERENCES territory.unit (id) ON DELETE CASCADE,
    year               integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    households         integer CHECK (households >= 0),
    occupied_dwellings integer CHECK (occupied_dwellings >= 0),
    dwellings          integer CHECK (dwellings >= 0),
    source             text    NOT NULL,
    PRIMARY KEY (unit_id, year)
);
