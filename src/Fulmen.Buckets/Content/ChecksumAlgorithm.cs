namespace Fulmen.Buckets.Content;

/// <summary>The additional checksums S3 computes and stores beside the MD5 (the <c>x-amz-checksum-*</c> headers).</summary>
public enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}

public static class ChecksumAlgorithms
{
    public static readonly ChecksumAlgorithm[] All = [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256];

    /// <summary>As S3 spells it in <c>x-amz-sdk-checksum-algorithm</c> and <c>ChecksumAlgorithm</c> elements.</summary>
    public static string Name(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        _ => "SHA256",
    };

    /// <summary>The header (and trailer) that carries the value: <c>x-amz-checksum-crc32</c>.</summary>
    public static string HeaderName(this ChecksumAlgorithm algorithm) => "x-amz-checksum-" + algorithm.Name().ToLowerInvariant();

    /// <summary>The member of XML answers and bodies: <c>ChecksumCRC32</c>.</summary>
    public static string ElementName(this ChecksumAlgorithm algorithm) => "Checksum" + algorithm.Name();

    /// <summary>The raw length of a value, to refuse one that cannot be right before reading the body.</summary>
    public static int Length(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        _ => 32,
    };

    /// <summary>Full-object CRCs can be combined across parts; the SHAs of a multipart object are always composite.</summary>
    public static bool IsCrc(this ChecksumAlgorithm algorithm) => algorithm is ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C or ChecksumAlgorithm.Crc64Nvme;

    public static ChecksumAlgorithm? Parse(string? name) => name?.ToUpperInvariant() switch
    {
        "CRC32" => ChecksumAlgorithm.Crc32,
        "CRC32C" => ChecksumAlgorithm.Crc32C,
        "CRC64NVME" => ChecksumAlgorithm.Crc64Nvme,
        "SHA1" => ChecksumAlgorithm.Sha1,
        "SHA256" => ChecksumAlgorithm.Sha256,
        _ => null,
    };

    public static ChecksumAlgorithm? FromHeaderName(string header)
    {
        foreach (var algorithm in All)
        {
            if (header.Equals(algorithm.HeaderName(), StringComparison.OrdinalIgnoreCase))
            {
                return algorithm;
            }
        }
        return null;
    }
}
