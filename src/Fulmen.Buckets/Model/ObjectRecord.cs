using Fulmen.Buckets.Content;
using Fulmen.Buckets.Notifications;

namespace Fulmen.Buckets.Model;

/// <summary>
/// An object's metadata as stored (collection <c>s3.objects/{bucket id}</c>, id = key): where its bytes are, what S3
/// answers about it, and the changes not yet delivered to notifications (<see cref="Pending"/>, see IObjectChanges).
/// A <see cref="Removed"/> record is a tombstone kept only while a removal is pending delivery; reads skip it.
/// </summary>
public sealed record ObjectRecord
{
    /// <summary>
    /// The file under <c>buckets/objects/</c> holding the bytes; empty when <see cref="Parts"/> holds them (a completed
    /// multipart upload keeps its parts' files rather than joining them into one).
    /// </summary>
    public string File { get; init; } = "";

    /// <summary>A completed multipart upload's part files, in order; their sizes add up to <see cref="Size"/>.</summary>
    public List<ObjectPart>? Parts { get; init; }

    public long Size { get; init; }

    /// <summary>Without quotes: the MD5 in hex, or <c>{md5 of the parts' md5s}-{parts}</c> for a multipart upload.</summary>
    public string ETag { get; init; } = "";

    public DateTimeOffset LastModified { get; init; }

    public ContentHeaders Headers { get; init; } = new();

    /// <summary><c>x-amz-meta-*</c>, names in lower case without the prefix.</summary>
    public Dictionary<string, string>? Metadata { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    /// <summary><c>CRC32</c>, <c>SHA256</c>, …: the additional checksum the uploader asked for.</summary>
    public string? ChecksumAlgorithm { get; init; }

    /// <summary>Base64; composite checksums of multipart objects end in <c>-{parts}</c>.</summary>
    public string? Checksum { get; init; }

    /// <summary><c>FULL_OBJECT</c> or <c>COMPOSITE</c>.</summary>
    public string? ChecksumType { get; init; }

    public int? PartsCount { get; init; }

    /// <summary>Increases with every change of this key (hex, compared as S3 documents: longer is later, then lexically).</summary>
    public string Sequencer { get; init; } = "";

    public bool Removed { get; init; }

    public List<ObjectChange>? Pending { get; init; }
}

/// <summary>One file of a multipart object: its name under <c>buckets/objects/</c> and its length.</summary>
public sealed record ObjectPart(string File, long Size);

/// <summary>The files an object's bytes are in, in order, whichever way it was stored.</summary>
public static class ObjectRecordFiles
{
    public static IReadOnlyList<FileSegment> Segments(this ObjectRecord record) =>
        record.Parts is { } parts ? parts.ConvertAll(p => new FileSegment(p.File, p.Size)) : [new FileSegment(record.File, record.Size)];

    /// <summary>Every file name the object holds (none for a tombstone).</summary>
    public static IEnumerable<string> FileNames(this ObjectRecord record) =>
        record.Parts is { } parts ? parts.Select(p => p.File) : record.File.Length > 0 ? [record.File] : [];
}

/// <summary>The content headers S3 stores with an object and answers on GET and HEAD.</summary>
public sealed record ContentHeaders
{
    public string? ContentType { get; init; }
    public string? ContentEncoding { get; init; }
    public string? ContentDisposition { get; init; }
    public string? ContentLanguage { get; init; }
    public string? CacheControl { get; init; }
    public string? Expires { get; init; }
}
