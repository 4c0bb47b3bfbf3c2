package co.expediente.territory.imports;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the import pipeline ({@code expediente.imports.*}; see docs/configuration.md).
 *
 * @param token              bearer token of {@code POST /api/imports}; empty: uploads through the API are refused
 * @param maxUploadSize      largest upload through the API (the multipart limits are set from it)
 * @param workDir            where uploads are stored and zips extracted while an import runs (default: the
 *                           system's temporary folder /expediente-imports)
 * @param ogrinfo            the ogrinfo executable (Debian package gdal-bin)
 * @param ogr2ogr            the ogr2ogr executable
 * @param timeout            longest a GDAL tool may run for one import
 * @param maxUncompressed    largest total size of a zip's contents
 * @param maxZipRatio        largest compression ratio of a zip (uncompressed / compressed) over 10 MB
 * @param maxZipEntries      most entries a zip may have
 * @param maxRejectedPercent above this share of rejected features an import is refused as a whole
 * @param repairMaxChange    a repair may change a polygon's area (a line's length) by this ratio…
 * @param repairTolerance    …or by this many m² (m), whichever is larger; otherwise the feature is rejected
 */
@ConfigurationProperties("expediente.imports")
public record ImportProperties(
        @DefaultValue("") String token,
        @DefaultValue("200MB") DataSize maxUploadSize,
        Path workDir,
        @DefaultValue("ogrinfo") String ogrinfo,
        @DefaultValue("ogr2ogr") String ogr2ogr,
        @DefaultValue("10m") Duration timeout,
        @DefaultValue("2GB") DataSize maxUncompressed,
        @DefaultValue("200") long maxZipRatio,
        @DefaultValue("10000") int maxZipEntries,
        @DefaultValue("10") double maxRejectedPercent,
        @DefaultValue("0.05") double repairMaxChange,
        @DefaultValue("10") double repairTolerance) {

    public Path workPath() {
        return workDir != null && !workDir.toString().isBlank() ? workDir
                : Path.of(System.getProperty("java.io.tmpdir"), "expediente-imports");
    }

    SourceFiles.ZipLimits zipLimits() {
        return new SourceFiles.ZipLimits(maxUncompressed.toBytes(), maxZipRatio, maxZipEntries);
    }
}
