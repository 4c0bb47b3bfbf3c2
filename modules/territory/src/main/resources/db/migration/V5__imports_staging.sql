-- Imports (co.expediente.territory.imports): the staging area where ogr2ogr loads a source file
-- before validation, the archive of versions that a later import superseded, and the SQL function
-- that checks, reprojects and (where safe) repairs one source geometry.

CREATE SCHEMA staging;

-- One row per source feature of an import in progress. ogr2ogr first loads the file into a table
-- of its own (staging.imp_<import id>, with the source's own columns); its rows are then copied
-- here with their attributes as JSON, so that every later step is static SQL with bind
-- parameters. Rows live only while their import runs. UNLOGGED: staging needs no crash safety.
CREATE UNLOGGED TABLE staging.feature (
    import_id bigint NOT NULL,
    fid       bigint NOT NULL,          -- feature number in the source file, from 1
    attrs     jsonb  NOT NULL,          -- source attributes, names as in the file
    src_geom  geometry,                 -- source geometry, SRID 0, in the source CRS
    geom      geometry,                 -- prepared geometry in EPSG:9377
    outcome   text CHECK (outcome IN ('ok', 'repaired', 'rejected')),
    reason    text,                     -- machine-readable reason of a repair or rejection
    detail    text,                     -- its explanation for people
    mapped    jsonb,                    -- target columns after the mapping
    PRIMARY KEY (import_id, fid)
);

-- Versions that an import replaced outright rather than closed: the versions of the same year a
-- replace import supersedes, unit limits updated by a new unit import, population or household
-- figures overwritten by a new series. History is never deleted: it moves here, whole.
CREATE TABLE layers.superseded (
    id            bigserial PRIMARY KEY,
    layer         text        NOT NULL,
    feature_id    bigint,
    import_id     bigint REFERENCES layers.import (id),
    superseded_by bigint      NOT NULL REFERENCES layers.import (id),
    superseded_at timestamptz NOT NULL DEFAULT now(),
    row_data      jsonb       NOT NULL,
    geom          geometry
);
CREATE INDEX superseded_layer_idx ON layers.superseded (layer, superseded_by);

CREATE INDEX import_layer_idx ON layers.import (layer, status);

-- Checks one source geometry and prepares it for a target of the given kind ('polygon', 'line'
-- or 'point'): rejects what is null, empty, of another type, not reprojectable from from_proj
-- (an EPSG code, WKT or PROJ string), or outside Colombia (a sign of a wrong CRS); reprojects to
-- EPSG:9377; repairs an invalid geometry with ST_MakeValid only when the repair keeps the
-- dimension and changes the area (polygons) or length (lines) by at most max_change (ratio) or
-- tolerance (m² or m), whichever is larger. The reason for a repair is ST_IsValidReason of the
-- source geometry, so its location is in the source file's coordinates.
CREATE FUNCTION staging.prepare_geometry(src geometry, from_proj text, kind text,
                                         max_change double precision, tolerance double precision,
                                         OUT geom geometry, OUT outcome text, OUT reason text, OUT detail text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    dim      integer := CASE kind WHEN 'polygon' THEN 2 WHEN 'line' THEN 1 WHEN 'point' THEN 0 END;
    wanted   text := CASE kind WHEN 'polygon' THEN 'polígono' WHEN 'line' THEN 'línea' ELSE 'punto' END;
    g        geometry;
    t        geometry;
    fixed    geometry;
    before   double precision;
    after    double precision;
    -- Colombia (mainland, San Andrés, Malpelo) in EPSG:9377, with a margin: a feature outside it
    -- was almost always read with the wrong CRS.
    colombia CONSTANT geometry := ST_MakeEnvelope(3900000, 1000000, 5800000, 3150000, 9377);
BEGIN
    IF dim IS NULL THEN
        RAISE EXCEPTION 'unknown geometry kind %', kind;
    END IF;
    IF src IS NULL THEN
        outcome := 'rejected'; reason := 'geometria_nula'; detail := 'El objeto no tiene geometría.';
        RETURN;
    END IF;
    g := ST_Force2D(ST_SetSRID(src, 0));
    IF ST_IsEmpty(g) THEN
        outcome := 'rejected'; reason := 'geometria_vacia'; detail := 'La geometría está vacía.';
        RETURN;
    END IF;
    IF GeometryType(g) = 'GEOMETRYCOLLECTION' THEN
        t := ST_CollectionExtract(g, dim + 1);
        IF ST_IsEmpty(t) OR ST_NumGeometries(t) <> ST_NumGeometries(g) THEN
            outcome := 'rejected'; reason := 'tipo_de_geometria';
            detail := format('Se esperaba %s; la colección contiene otros tipos de geometría.', wanted);
            RETURN;
        END IF;
        g := t;
    ELSIF ST_Dimension(g) <> dim THEN
        outcome := 'rejected'; reason := 'tipo_de_geometria';
        detail := format('Se esperaba %s y el objeto es %s.', wanted, GeometryType(g));
        RETURN;
    END IF;
    IF dim = 0 AND ST_NumGeometries(g) > 1 THEN
        outcome := 'rejected'; reason := 'tipo_de_geometria';
        detail := format('Se esperaba un punto y el objeto es un multipunto de %s puntos.', ST_NumGeometries(g));
        RETURN;
    END IF;
    BEGIN
        t := ST_Transform(g, from_proj, 9377);
    EXCEPTION WHEN OTHERS THEN
        outcome := 'rejected'; reason := 'reproyeccion';
        detail := format('No se pudo reproyectar a EPSG:9377: %s', SQLERRM);
        RETURN;
    END;
    IF t IS NULL OR NOT (ST_Envelope(t) @ colombia) THEN
        outcome := 'rejected'; reason := 'fuera_de_colombia';
        detail := 'Tras reproyectar, el objeto cae fuera de Colombia: ¿el CRS del archivo es el correcto?';
        RETURN;
    END IF;
    IF ST_IsValid(t) THEN
        outcome := 'ok';
        geom := CASE dim WHEN 0 THEN ST_GeometryN(t, 1) ELSE ST_Multi(t) END;
        RETURN;
    END IF;
    reason := 'geometria_invalida';
    detail := CASE WHEN ST_IsValid(g) THEN 'Inválida tras reproyectar: ' || ST_IsValidReason(t)
                   ELSE ST_IsValidReason(g) END;
    BEGIN
        fixed := ST_CollectionExtract(ST_MakeValid(t), dim + 1);
    EXCEPTION WHEN OTHERS THEN
        fixed := NULL;
    END;
    IF fixed IS NULL OR ST_IsEmpty(fixed) OR NOT ST_IsValid(fixed) THEN
        outcome := 'rejected'; reason := 'geometria_irreparable';
        detail := detail || '. La reparación no deja ningún ' || wanted || ' válido.';
        RETURN;
    END IF;
    before := CASE dim WHEN 2 THEN ST_Area(t) ELSE ST_Length(t) END;
    after := CASE dim WHEN 2 THEN ST_Area(fixed) ELSE ST_Length(fixed) END;
    IF abs(after - before) > greatest(max_change * abs(before), tolerance) THEN
        outcome := 'rejected'; reason := 'geometria_irreparable';
        detail := detail || format('. Repararla cambiaría %s de %s a %s %s: demasiado para una corrección automática.',
                                   CASE dim WHEN 2 THEN 'el área' ELSE 'la longitud' END,
                                   round(before::numeric, 1), round(after::numeric, 1),
                                   CASE dim WHEN 2 THEN 'm²' ELSE 'm' END);
        RETURN;
    END IF;
    outcome := 'repaired';
    geom := CASE dim WHEN 0 THEN ST_GeometryN(fixed, 1) ELSE ST_Multi(fixed) END;
    IF dim > 0 THEN
        detail := detail || format('. Reparada con ST_MakeValid (%s: %s → %s %s).',
                                   CASE dim WHEN 2 THEN 'área' ELSE 'longitud' END,
                                   round(before::numeric, 1), round(after::numeric, 1),
                                   CASE dim WHEN 2 THEN 'm²' ELSE 'm' END);
    END IF;
END $$;
