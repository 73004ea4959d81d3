using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// S3's own ways of being wrong, applied to an S3 seed: malformed XML documents, hostile ranges, conditional dates,
/// digests and checksums, broken aws-chunked bodies and their lengths, metadata, copy sources, keys and the query
/// parameters S3 reads (max-keys, part numbers, upload ids, continuation tokens).
/// </summary>
internal static class S3Mutations
{
    private static readonly string[] Documents =
    [
        "", "<", "not xml", "<Delete>", "<Delete><Object></Object></Delete>", "<Delete><Object><Key></Key></Object></Delete>",
        "<Delete><Quiet>maybe</Quiet><Object><Key>a</Key></Object></Delete>",
        "<CompleteMultipartUpload><Part><PartNumber>-1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>99999999999</PartNumber><ETag>\"\"</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber></Part><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload></CompleteMultipartUpload>", "<CompleteMultipartUpload><Part>text</Part></CompleteMultipartUpload>",
        "<Tagging><TagSet><Tag><Key></Key></Tag></TagSet></Tagging>", "<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>",
        "<Tagging><TagSet><Tag><Key>k</Key><Value>a</Value></Tag><Tag><Key>k</Key><Value>b</Value></Tag></TagSet></Tagging>",
        "<CORSConfiguration><CORSRule></CORSRule></CORSConfiguration>", "<CORSConfiguration><CORSRule><AllowedMethod>FUZZ</AllowedMethod><AllowedOrigin>**</AllowedOrigin><MaxAgeSeconds>-5</MaxAgeSeconds></CORSRule></CORSConfiguration>",
        "<CreateBucketConfiguration><LocationConstraint><x/></LocationConstraint></CreateBucketConfiguration>",
        "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Tagging><TagSet><Tag><Key>&c;</Key><Value>v</Value></Tag></TagSet></Tagging>",
        "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
        "{\"Version\":\"2012-10-17\"", "{\"Statement\":[]}", "[]", "null",
    ];

    private static readonly string[] Headers =
    [
        "Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "Content-MD5", "x-amz-checksum-crc32", "x-amz-checksum-crc32c",
        "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm",
        "x-amz-checksum-mode", "x-amz-checksum-type", "x-amz-tagging", "x-amz-copy-source", "x-amz-copy-source-range", "x-amz-metadata-directive",
        "x-amz-tagging-directive", "x-amz-copy-source-if-match", "x-amz-copy-source-if-modified-since", "x-amz-meta-x", "Content-Encoding",
        "x-amz-decoded-content-length", "x-amz-trailer", "Cache-Control", "Expires", "Origin",
    ];

    private static readonly string[] HeaderValues =
    [
        "", "bytes=5-1", "bytes=-0", "bytes=0-", "bytes=99999999999999999999-", "bytes=0-1,3-4", "items=0-1", "bytes=--1", "bytes= 1 - 2",
        "not a date", "Sun, 06 Dec 9999 00:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "*", "\"etag\"", "W/\"x\"", "abc", "!!!!",
        "AAAAAAAAAAAAAAAAAAAAAA==", "AAAA", "MD7", "crc32", "ENABLED", "COMPOSITE", "FULL_OBJECT", "k=v&&=&%ZZ", "=", "/", "fz-bucket",
        "/fz-bucket/../../etc/passwd", "%FF%FE", "/fz-bucket/dir/object.json?versionId=x", "REPLACE", "BOGUS", "-1", "99999999999999999999",
        "aws-chunked", "x-amz-checksum-crc32", "x-amz-checksum-md7", "https://a.example.com",
    ];

    private static readonly string[] QueryNames =
    [
        "max-keys", "max-uploads", "max-parts", "max-buckets", "partNumber", "uploadId", "continuation-token", "marker", "start-after", "key-marker",
        "upload-id-marker", "part-number-marker", "delimiter", "prefix", "encoding-type", "fetch-owner", "list-type", "response-content-type",
        "response-expires", "x-id", "versionId", "tagging", "uploads", "delete",
    ];

    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "10001", "1.5", "abc", "99999999999", "2147483648", "ZnV6eg==", "!!notbase64", "../x", "%00", "url", "base64", "true", "3",
    ];

    private static readonly string[] Keys = ["..", "../..", "a/../../b", "./.", "ключ/ü 💥", "\u0000", "a\u0001b", "%2F", "/", "//a//", "\ud800", "con", "a?b#c"];

    public static string Apply(Seed seed, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
                var document = Documents[random.Next(Documents.Length)];
                seed.Raw = random.Next(5) == 0 ? Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<Object><Key>k</Key></Object>", 2_000))) : Encoding.UTF8.GetBytes(document);
                seed.Headers.RemoveAll(h => h.Key == "Content-MD5");
                return $"document {FuzzRequest.Shorten(document, 60)}";
            case 1:
            case 2:
                var name = Headers[random.Next(Headers.Length)];
                var value = random.Next(4) == 0 ? HostileValues.String(random) : HeaderValues[random.Next(HeaderValues.Length)];
                value = new string([.. value.Where(c => c is >= ' ' and < '\u007f').Take(8_000)]);
                seed.Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
                seed.Headers.Add(new(name, value));
                return $"header {name}: {FuzzRequest.Shorten(value, 40)}";
            case 3:
                return Chunked(seed, random);
            case 4:
                var query = QueryNames[random.Next(QueryNames.Length)];
                seed.Query.RemoveAll(q => q.Key == query);
                seed.Query.Add(new(query, random.Next(4) == 0 ? HostileValues.String(random) : QueryValues[random.Next(QueryValues.Length)]));
                return $"query {query} hostile";
            case 5 when seed.PathParameters.ContainsKey("Key+"):
                seed.PathParameters["Key+"] = random.Next(3) == 0 ? new string('k', random.Next(2) == 0 ? 1_025 : 5_000) : Keys[random.Next(Keys.Length)];
                return "key hostile";
            default:
                var count = random.Next(2) == 0 ? 200 : 2;
                for (var i = 0; i < count; i++)
                {
                    seed.Headers.Add(new($"x-amz-meta-m{i}", random.Next(2) == 0 ? new string('m', 3_000) : "v"));
                }
                return $"{count} metadata headers";
        }
    }

    /// <summary>An aws-chunked body as SDKs send it, then broken: lengths, chunk sizes, trailers, terminators.</summary>
    private static string Chunked(Seed seed, Random random)
    {
        var content = seed.Raw is { Length: > 0 } raw ? raw : "hello"u8.ToArray();
        string[] forms =
        [
            $"{content.Length:x}\r\n{Encoding.UTF8.GetString(content)}\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
            $"{content.Length:x}\r\n{Encoding.UTF8.GetString(content)}\r\n0\r\n\r\n",
            $"{content.Length:x};chunk-signature=abc\r\n{Encoding.UTF8.GetString(content)}\r\n0;chunk-signature=abc\r\n\r\n",
            "ffffffffffffffff\r\nab\r\n", "zz\r\nab\r\n0\r\n\r\n", "-5\r\nab\r\n0\r\n\r\n", "5\r\nab", "", "0\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
            "1\r\na\r\n0\r\nx-amz-checksum-crc32\r\n\r\n", "1\r\na\r\n0\r\n:\r\n\r\n", "100000000\r\na\r\n0\r\n\r\n", "5;\r\nhello\r\n0\r\n\r\n",
        ];
        var body = forms[random.Next(forms.Length)];
        seed.Raw = Encoding.UTF8.GetBytes(body);
        seed.Headers.RemoveAll(h => h.Key is "Content-MD5" or "x-amz-content-sha256" or "Content-Encoding" or "x-amz-decoded-content-length" or "x-amz-trailer");
        string[] hashes = ["STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-FUZZ", "UNSIGNED-PAYLOAD"];
        seed.Headers.Add(new("x-amz-content-sha256", hashes[random.Next(hashes.Length)]));
        seed.Headers.Add(new("Content-Encoding", "aws-chunked"));
        string[] lengths = [$"{content.Length}", "0", "-1", "99999999999999", "18446744073709551616", "abc", ""];
        var length = lengths[random.Next(lengths.Length)];
        seed.Headers.Add(new("x-amz-decoded-content-length", length));
        if (random.Next(2) == 0)
        {
            seed.Headers.Add(new("x-amz-trailer", random.Next(2) == 0 ? "x-amz-checksum-crc32" : "x-amz-checksum-fuzz"));
        }
        return $"aws-chunked body {FuzzRequest.Shorten(body.ReplaceLineEndings("⏎"), 50)}, decoded length {length}";
    }
}
