using System.Text;
using Fulmen.Protocols.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Protocols.Tests.Signing;

public sealed class SigV4VerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SignatureRules Lambda = new("lambda", SignatureRules.DefaultSkew);

    private readonly FakeTimeProvider _time = new(Now);

    private SigV4Verifier Verifier(SigningCredentials? credentials = null) => new(credentials ?? SignedRequests.Credentials, "us-east-1", _time);

    [Fact]
    public async Task AwsTestSuite_GetVanilla_Valid()
    {
        // AWS's SigV4 test suite, get-vanilla: the documented request, key and signature.
        var time = new FakeTimeProvider(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));
        var request = SignedRequests.Build("GET", "/", "");
        request.Headers.Host = "example.amazonaws.com";
        request.Headers["X-Amz-Date"] = "20150830T123600Z";
        request.Headers.Authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

        var check = await new SigV4Verifier(SignedRequests.Credentials, "us-east-1", time)
            .VerifyAsync(request, new SignatureRules("service", SignatureRules.DefaultSkew), CancellationToken.None);

        Assert.True(check.IsValid, check.ToString());
        Assert.Equal("AKIDEXAMPLE", check.AccessKey);
    }

    [Fact]
    public async Task Signed_PostWithBodyAndArnInPath_ValidAndBodyStillReadable()
    {
        var request = SignedRequests.Signed(HttpMethod.Post, "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations?Qualifier=%24LATEST", """{"n":1}""", Now);

        var check = await Verifier().VerifyAsync(request, Lambda, CancellationToken.None);

        Assert.True(check.IsValid, check.ToString());
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        Assert.Equal("""{"n":1}""", await reader.ReadToEndAsync());
    }

    [Fact]
    public void Signed_BodyKnown_SameAnswerWithoutReadingTheStream()
    {
        var request = SignedRequests.Signed(HttpMethod.Post, "/url/path", "payload", Now);
        request.Body = Stream.Null;

        Assert.True(Verifier().Verify(request, Lambda, "payload"u8).IsValid);
        Assert.Equal(SignatureFailure.SignatureMismatch, Verifier().Verify(request, Lambda, "changed"u8).Failure);
    }

    [Fact]
    public async Task WrongSecret_SignatureMismatchWithCanonicalRequest()
    {
        var request = SignedRequests.Signed(HttpMethod.Get, "/2015-03-31/functions", "", Now, SignedRequests.Key with { Secret = "wrong" });

        var check = await Verifier().VerifyAsync(request, Lambda, CancellationToken.None);

        Assert.Equal(SignatureFailure.SignatureMismatch, check.Failure);
        Assert.StartsWith("GET\n/2015-03-31/functions\n\nhost:127.0.0.1:4566\n", check.CanonicalRequest, StringComparison.Ordinal);
        Assert.StartsWith("AWS4-HMAC-SHA256\n20260301T120000Z\n20260301/us-east-1/lambda/aws4_request\n", check.StringToSign, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-6, SignatureFailure.RequestExpired)]
    [InlineData(6, SignatureFailure.RequestNotYetValid)]
    [InlineData(-4, SignatureFailure.None)]
    public async Task ClockSkew_BeyondFiveMinutes_Refused(int minutes, SignatureFailure expected)
    {
        var request = SignedRequests.Signed(HttpMethod.Get, "/2015-03-31/functions", "", Now.AddMinutes(minutes));

        var check = await Verifier().VerifyAsync(request, Lambda, CancellationToken.None);

        Assert.Equal(expected, check.Failure);
        if (expected != SignatureFailure.None)
        {
            Assert.Equal(Now.AddMinutes(minutes), check.SignedAt);
            Assert.Equal(Now, check.Now);
            Assert.Equal(TimeSpan.FromMinutes(5), check.Window);
        }
    }

    [Fact]
    public async Task Scope_UnknownKeyWrongRegionWrongService_EachItsFailure()
    {
        var unknown = SignedRequests.Signed(HttpMethod.Get, "/", "", Now, new SigningKeyPair("nobody", "x"));
        var region = SignedRequests.Signed(HttpMethod.Get, "/", "", Now, region: "eu-west-1");
        var service = SignedRequests.Signed(HttpMethod.Get, "/", "", Now, service: "sqs");

        Assert.Equal(SignatureFailure.UnknownAccessKey, (await Verifier().VerifyAsync(unknown, Lambda, CancellationToken.None)).Failure);
        var wrongRegion = await Verifier().VerifyAsync(region, Lambda, CancellationToken.None);
        Assert.Equal((SignatureFailure.WrongRegion, "eu-west-1", "us-east-1"), (wrongRegion.Failure, wrongRegion.Detail, wrongRegion.Expected));
        var wrongService = await Verifier().VerifyAsync(service, Lambda, CancellationToken.None);
        Assert.Equal((SignatureFailure.WrongService, "sqs", "lambda"), (wrongService.Failure, wrongService.Detail, wrongService.Expected));
        Assert.True((await Verifier().VerifyAsync(service, new SignatureRules(null, SignatureRules.DefaultSkew), CancellationToken.None)).IsValid);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/lambda/aws4_request, Credential=x, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host")]
    [InlineData("Bearer token")]
    [InlineData("AWS4-HMAC-SHA256 ===,,=")]
    public async Task MalformedAuthorization_IncompleteNeverThrows(string authorization)
    {
        var request = SignedRequests.Build("GET", "/", "");
        request.Headers["X-Amz-Date"] = "20260301T120000Z";
        request.Headers.Authorization = authorization;

        var check = await Verifier().VerifyAsync(request, Lambda, CancellationToken.None);

        Assert.Equal(SignatureFailure.Incomplete, check.Failure);
        Assert.False(string.IsNullOrEmpty(check.Detail));
    }

    [Fact]
    public async Task Unsigned_Missing()
    {
        var check = await Verifier().VerifyAsync(SignedRequests.Build("GET", "/2015-03-31/functions", ""), Lambda, CancellationToken.None);

        Assert.Equal(SignatureFailure.Missing, check.Failure);
    }

    [Fact]
    public async Task Presigned_WithinExpiry_Valid_AfterIt_Expired()
    {
        var request = SignedRequests.Presigned("/2015-03-31/functions/my-function", Now.AddMinutes(-10), expires: 900);
        Assert.True((await Verifier().VerifyAsync(request, Lambda, CancellationToken.None)).IsValid);

        _time.Advance(TimeSpan.FromMinutes(6));
        var expired = await Verifier().VerifyAsync(request, Lambda, CancellationToken.None);

        Assert.Equal(SignatureFailure.PresignedExpired, expired.Failure);
        Assert.True(expired.Presigned);
        Assert.Equal(TimeSpan.FromSeconds(900), expired.Window);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(604801)]
    public async Task Presigned_ExpiresOutOfRange_InvalidExpires(int expires)
    {
        var request = SignedRequests.Presigned("/2015-03-31/functions", Now, expires);

        Assert.Equal(SignatureFailure.InvalidExpires, (await Verifier().VerifyAsync(request, Lambda, CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task Presigned_TamperedQuery_Mismatch()
    {
        var request = SignedRequests.Presigned("/2015-03-31/functions", Now, 60);
        request.QueryString = request.QueryString.Add("MaxItems", "1");

        Assert.Equal(SignatureFailure.SignatureMismatch, (await Verifier().VerifyAsync(request, Lambda, CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task UnsignedPayloadHeader_BodyNotHashed()
    {
        var request = SignedRequests.Build("PUT", "/bucket/key", "large body");
        request.Headers["x-amz-content-sha256"] = SigV4.UnsignedPayload;
        var message = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:4566/bucket/key");
        // Signed by hand as S3 clients do: path as sent, the declared payload hash, x-amz-content-sha256 signed.
        var timestamp = SigV4.Timestamp(Now);
        var scope = SigV4.CredentialScope(timestamp[..8], "us-east-1", "s3");
        var canonical = $"PUT\n/bucket/key\n\nhost:127.0.0.1:4566\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:{timestamp}\n\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD";
        var signature = SigV4.Hex(SigV4.Sign(SigV4.SigningKey(SignedRequests.Key.Secret, timestamp[..8], "us-east-1", "s3"), SigV4.StringToSign(timestamp, scope, canonical)));
        request.Headers["x-amz-date"] = timestamp;
        request.Headers.Authorization = $"AWS4-HMAC-SHA256 Credential={SignedRequests.Key.AccessKey}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}";
        request.Body = new ThrowingStream();
        message.Dispose();

        var check = await Verifier().VerifyAsync(request, new SignatureRules("s3", SignatureRules.WideSkew, SignsPathAsSent: true), CancellationToken.None);

        Assert.True(check.IsValid, check.ToString());
    }

    /// <summary>A body that must not be read.</summary>
    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the body was read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("the body was read");
    }
}
