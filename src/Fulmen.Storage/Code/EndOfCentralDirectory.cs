using System.Buffers.Binary;

namespace Fulmen.Storage.Code;

/// <summary>
/// Reads a zip's end-of-central-directory record (and its ZIP64 twin) before System.IO.Compression does, for two
/// reasons: the entry count is bounded before a single entry is read into memory, and the record must agree with
/// itself — System.IO.Compression reads past a wrong central-directory size, or a comment that ends before the file.
/// </summary>
internal static class EndOfCentralDirectory
{
    private const uint Signature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64Signature = 0x06064b50;
    private const int RecordBytes = 22;
    private const int LocatorBytes = 20;
    private const int Zip64RecordBytes = 56;
    private const int MaxCommentBytes = ushort.MaxValue;

    /// <summary>The number of entries the record declares; throws <see cref="InvalidCodePackageException"/> when it is inconsistent.</summary>
    public static long ReadEntryCount(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, RecordBytes + MaxCommentBytes + LocatorBytes);
        var tail = Read(zip, zip.Length - tailLength, tailLength);
        var at = FindRecord(tail) ?? throw InvalidCodePackageException.Unreadable();
        var record = tail.AsSpan(at);
        var position = zip.Length - tailLength + at;
        long entriesOnDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        var end = position; // where the central directory must end
        if (at >= LocatorBytes && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - LocatorBytes)) == Zip64LocatorSignature)
        {
            var zip64At = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - LocatorBytes + 8));
            if (zip64At < 0 || zip64At > position - LocatorBytes - Zip64RecordBytes)
            {
                throw InvalidCodePackageException.Unreadable();
            }
            var zip64 = Read(zip, zip64At, Zip64RecordBytes);
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64Signature)
            {
                throw InvalidCodePackageException.Unreadable();
            }
            entriesOnDisk = entriesOnDisk == ushort.MaxValue ? BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(24)) : entriesOnDisk;
            entries = entries == ushort.MaxValue ? BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(32)) : entries;
            size = size == uint.MaxValue ? BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(40)) : size;
            offset = offset == uint.MaxValue ? BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(48)) : offset;
            end = zip64At;
        }
        if (entriesOnDisk != entries || entries < 0 || size < 0 || offset < 0 || offset > end || size != end - offset)
        {
            throw InvalidCodePackageException.Unreadable();
        }
        return entries;
    }

    /// <summary>The last record whose comment ends exactly at the end of the file.</summary>
    private static int? FindRecord(byte[] tail)
    {
        for (var at = tail.Length - RecordBytes; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) == Signature
                && BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 20)) == tail.Length - at - RecordBytes)
            {
                return at;
            }
        }
        return null;
    }

    private static byte[] Read(Stream zip, long position, int count)
    {
        var bytes = new byte[count];
        zip.Position = position;
        zip.ReadExactly(bytes);
        return bytes;
    }
}
