using Fulmen.Protocols.Signing;

namespace Fulmen.Protocols.Tests.Signing;

public sealed class SignatureErrorsTests
{
    private static readonly AwsService Lambda = new("lambda", "lambda", AwsProtocol.RestJson);
    private static readonly AwsService Elbv2 = new("elbv2", "elasticloadbalancing", AwsProtocol.Query);
    private static readonly AwsService Sqs = new("sqs", "sqs", AwsProtocol.Json10);
    private static readonly AwsService S3 = new("s3", "s3", AwsProtocol.RestXml);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SignatureCheck Skewed(SignatureFailure failure, int minutes, TimeSpan window) =>
        SignatureCheck.Fail(failure) with { SignedAt = Now.AddMinutes(minutes), Now = Now, Window = window };

    [Theory]
    [InlineData(SignatureFailure.Missing, 403, "MissingAuthenticationTokenException", "Missing Authentication Token")]
    [InlineData(SignatureFailure.UnknownAccessKey, 403, "UnrecognizedClientException", "The security token included in the request is invalid.")]
    [InlineData(SignatureFailure.SignatureMismatch, 403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")]
    public void RestJson_AsLambdaAnswers(SignatureFailure failure, int status, string code, string message)
    {
        var error = SignatureErrors.For(Lambda, SignatureCheck.Fail(failure));

        Assert.Equal((status, code, message), (error.StatusCode, error.Code, error.Message));
    }

    [Fact]
    public void RestJson_Skew_SignatureExpiredWithAwsDates()
    {
        var expired = SignatureErrors.For(Lambda, Skewed(SignatureFailure.RequestExpired, -60, TimeSpan.FromMinutes(5)));
        var early = SignatureErrors.For(Lambda, Skewed(SignatureFailure.RequestNotYetValid, 60, TimeSpan.FromMinutes(5)));

        Assert.Equal("InvalidSignatureException", expired.Code);
        Assert.Equal("Signature expired: 20260301T110000Z is now earlier than 20260301T115500Z (20260301T120000Z - 5 min.)", expired.Message);
        Assert.Equal("Signature not yet current: 20260301T130000Z is still later than 20260301T120500Z (20260301T120000Z + 5 min.)", early.Message);
    }

    [Fact]
    public void RestJson_Mismatch_QuotesCanonicalRequestAndStringToSign()
    {
        var error = SignatureErrors.For(Lambda, SignatureCheck.Fail(SignatureFailure.SignatureMismatch) with { CanonicalRequest = "GET\n/", StringToSign = "AWS4-HMAC-SHA256\nx" });

        Assert.EndsWith("\n\nThe Canonical String for this request should have been\n'GET\n/'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\nx'\n", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureFailure.Missing, 403, "MissingAuthenticationToken")]
    [InlineData(SignatureFailure.UnknownAccessKey, 403, "InvalidClientTokenId")]
    [InlineData(SignatureFailure.SignatureMismatch, 403, "SignatureDoesNotMatch")]
    [InlineData(SignatureFailure.RequestExpired, 403, "SignatureDoesNotMatch")]
    [InlineData(SignatureFailure.PresignedExpired, 400, "RequestExpired")]
    public void Query_Codes(SignatureFailure failure, int status, string code)
    {
        var error = SignatureErrors.For(Elbv2, Skewed(failure, -60, TimeSpan.FromMinutes(15)));

        Assert.Equal((status, code), (error.StatusCode, error.Code));
    }

    [Fact]
    public void Json10_SameCodesAs400()
    {
        var error = SignatureErrors.For(Sqs, SignatureCheck.Fail(SignatureFailure.UnknownAccessKey));

        Assert.Equal((400, "UnrecognizedClientException"), (error.StatusCode, error.Code));
    }

    /// <summary>SQS speaks both: a JSON request is refused with JSON's codes, a form with the query codes.</summary>
    [Fact]
    public void QueryServiceWithTargets_CodesOfTheRequestsProtocol()
    {
        var json = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        json.Headers["X-Amz-Target"] = "AmazonSQS.SendMessage";
        var form = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        var mismatch = SignatureCheck.Fail(SignatureFailure.SignatureMismatch);

        var inJson = SignatureErrors.For(Errors.AwsErrorWriter.ProtocolOf(Fulmen.Queues.Api.SqsApi.Descriptor, json), mismatch);
        var inForm = SignatureErrors.For(Errors.AwsErrorWriter.ProtocolOf(Fulmen.Queues.Api.SqsApi.Descriptor, form), mismatch);

        Assert.Equal((400, "InvalidSignatureException"), (inJson.StatusCode, inJson.Code));
        Assert.Equal((403, "SignatureDoesNotMatch"), (inForm.StatusCode, inForm.Code));
    }

    [Fact]
    public void RestXml_SkewAndExpiredPresigned_S3Fields()
    {
        var skewed = SignatureErrors.For(S3, Skewed(SignatureFailure.RequestExpired, -60, TimeSpan.FromMinutes(15)));
        var expired = SignatureErrors.For(S3, Skewed(SignatureFailure.PresignedExpired, -60, TimeSpan.FromSeconds(60)));
        var unknown = SignatureErrors.For(S3, SignatureCheck.Fail(SignatureFailure.UnknownAccessKey, "AKID"));

        Assert.Equal("RequestTimeTooSkewed", skewed.Code);
        Assert.Contains(new KeyValuePair<string, string>("MaxAllowedSkewMilliseconds", "900000"), skewed.Fields);
        Assert.Equal((403, "AccessDenied", "Request has expired"), (expired.StatusCode, expired.Code, expired.Message));
        Assert.Contains(new KeyValuePair<string, string>("Expires", "2026-03-01T11:01:00Z"), expired.Fields);
        Assert.Equal((403, "InvalidAccessKeyId"), (unknown.StatusCode, unknown.Code));
        Assert.Contains(new KeyValuePair<string, string>("AWSAccessKeyId", "AKID"), unknown.Fields);
    }
}
