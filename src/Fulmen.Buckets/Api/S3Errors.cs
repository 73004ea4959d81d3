using Fulmen.Protocols.Errors;

namespace Fulmen.Buckets.Api;

/// <summary>S3's errors, with the codes, statuses and messages S3 answers (rest-xml: Code, Message, the named fields, RequestId).</summary>
internal static class S3Errors
{
    public static AwsErrorException NoSuchBucket(string bucket) =>
        Error(404, "NoSuchBucket", "The specified bucket does not exist", ("BucketName", bucket));

    public static AwsErrorException NoSuchKey(string key) =>
        Error(404, "NoSuchKey", "The specified key does not exist.", ("Key", key));

    public static AwsErrorException NoSuchUpload(string uploadId) =>
        Error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", ("UploadId", uploadId));

    public static AwsErrorException InvalidBucketName(string bucket) =>
        Error(400, "InvalidBucketName", "The specified bucket is not valid.", ("BucketName", bucket));

    public static AwsErrorException BucketAlreadyOwnedByYou(string bucket) =>
        Error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", ("BucketName", bucket));

    public static AwsErrorException BucketNotEmpty(string bucket) =>
        Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", ("BucketName", bucket));

    public static AwsError PreconditionFailed(string condition) =>
        Value(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", ("Condition", condition));

    public static AwsErrorException InvalidRange(string range, long size) =>
        Error(416, "InvalidRange", "The requested range is not satisfiable", ("RangeRequested", range), ("ActualObjectSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static AwsErrorException InvalidDigest(string value) =>
        Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.", ("Content-MD5", value));

    public static AwsErrorException BadDigest() =>
        Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");

    public static AwsErrorException ChecksumMismatch(string algorithm) =>
        Error(400, "BadDigest", $"The {algorithm} you specified did not match the calculated checksum.");

    public static AwsErrorException InvalidRequest(string message) => Error(400, "InvalidRequest", message);

    public static AwsErrorException InvalidArgument(string message, string name, string value) =>
        Error(400, "InvalidArgument", message, ("ArgumentName", name), ("ArgumentValue", value));

    public static AwsErrorException MalformedXml() =>
        Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");

    public static AwsErrorException EntityTooLarge(long max) =>
        Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
            ("MaxSizeAllowed", max.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static AwsErrorException IncompleteBody() =>
        Error(400, "IncompleteBody", "The request body terminated unexpectedly");

    public static AwsErrorException KeyTooLong() =>
        Error(400, "KeyTooLongError", "Your key is too long");

    public static AwsErrorException NotImplemented(string what) =>
        Error(501, "NotImplemented", "A header you provided implies functionality that is not implemented", ("Header", what));

    public static AwsErrorException MethodNotAllowed(string method, string resource) =>
        Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", ("Method", method), ("ResourceType", resource));

    public static AwsErrorException Error(int status, string code, string message, params (string Name, string Value)[] fields) =>
        new(Value(status, code, message, fields));

    public static AwsError Value(int status, string code, string message, params (string Name, string Value)[] fields) =>
        new(status, code, message) { Fields = [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))] };
}
