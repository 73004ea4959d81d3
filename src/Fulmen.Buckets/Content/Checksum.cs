using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Fulmen.Buckets.Content;

/// <summary>One running checksum of an upload; the value is in S3's byte order (CRCs big-endian), as it is base64-encoded on the wire.</summary>
public abstract class Checksum
{
    public abstract void Append(ReadOnlySpan<byte> data);

    public abstract byte[] Finish();

    public static Checksum Create(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => new Crc32Checksum(),
        ChecksumAlgorithm.Crc32C => new Crc32CChecksum(),
        ChecksumAlgorithm.Crc64Nvme => new Crc64NvmeChecksum(),
        ChecksumAlgorithm.Sha1 => new HashChecksum(HashAlgorithmName.SHA1),
        _ => new HashChecksum(HashAlgorithmName.SHA256),
    };

    /// <summary>The checksum of <paramref name="data"/> as a whole, base64 (for composite checksums of parts' checksums).</summary>
    public static string Of(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        var checksum = Create(algorithm);
        checksum.Append(data);
        return Convert.ToBase64String(checksum.Finish());
    }

    private sealed class Crc32Checksum : Checksum
    {
        private readonly Crc32 _crc = new();

        public override void Append(ReadOnlySpan<byte> data) => _crc.Append(data);

        public override byte[] Finish()
        {
            var value = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, _crc.GetCurrentHashAsUInt32());
            return value;
        }
    }

    private sealed class Crc32CChecksum : Checksum
    {
        private uint _crc = uint.MaxValue;

        public override void Append(ReadOnlySpan<byte> data) => _crc = Crc32C.Update(_crc, data);

        public override byte[] Finish()
        {
            var value = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, ~_crc);
            return value;
        }
    }

    private sealed class Crc64NvmeChecksum : Checksum
    {
        private ulong _crc = ulong.MaxValue;

        public override void Append(ReadOnlySpan<byte> data) => _crc = Crc64Nvme.Update(_crc, data);

        public override byte[] Finish()
        {
            var value = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(value, ~_crc);
            return value;
        }
    }

    private sealed class HashChecksum(HashAlgorithmName name) : Checksum
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(name);

        public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public override byte[] Finish() => _hash.GetHashAndReset();
    }
}
