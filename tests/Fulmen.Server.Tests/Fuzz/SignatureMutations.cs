namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Requests not signed, or signed with an Authorization header no client writes.</summary>
internal static class SignatureMutations
{
    private static readonly string[] Headers =
    [
        "", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=", "AWS4-HMAC-SHA256 Credential=test",
        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=test/2025/us-east-1/lambda/aws4_request, Credential=test/2025/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab",
        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/lambda/aws4_request, SignedHeaders=, Signature=",
        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/unknownservice/aws4_request, SignedHeaders=host;x-amz-date, Signature=zz",
        "AWS4-HMAC-SHA256 Credential=//////, SignedHeaders=;;;, Signature=", "AWS4-HMAC-SHA256 ,,,,,,", "AWS4-HMAC-SHA256 Credential==, ==, =",
        "Basic dGVzdDp0ZXN0", "Bearer x", "AWS test:c2lnbmF0dXJl", "AWS4-HMAC-SHA512 Credential=test/20250101/us-east-1/lambda/aws4_request",
        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date;x-amz-date, Signature=" + new string('f', 64),
        "AWS4-HMAC-SHA256 Credential=" + new string('a', 20_000),
    ];

    public static (Signing Signing, string? Authorization) Pick(Random random) =>
        random.Next(4) == 0 ? (Signing.Unsigned, null) : (Signing.Garbled, Headers[random.Next(Headers.Length)]);
}
