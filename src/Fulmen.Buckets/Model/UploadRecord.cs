namespace Fulmen.Buckets.Model;

/// <summary>
/// A multipart upload in progress (collection <c>s3.uploads/{bucket id}</c>, id = upload id): what the object will be
/// created with. Its parts are documents of <c>s3.parts/{upload id}</c>, id = the part number in five digits.
/// <see cref="Completing"/> is set once a CompleteMultipartUpload has begun: the object it commits is made of the parts'
/// own files, so from then on a part replaced by a late UploadPart keeps its file (the sweep takes it if no object does).
/// </summary>
public sealed record UploadRecord(string Key, DateTimeOffset Initiated, ObjectRecord Template, bool Completing = false);

/// <summary>One uploaded part: its file, size, MD5 (hex) and checksum (base64) if the upload has an algorithm.</summary>
public sealed record PartRecord(int Number, string File, long Size, string ETag, string? Checksum, DateTimeOffset LastModified);
