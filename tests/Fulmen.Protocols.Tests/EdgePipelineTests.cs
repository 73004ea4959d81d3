using System.Net;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulmen.Protocols.Tests;

/// <summary>
/// The edge in a real Kestrel pipeline with two REST stand-ins whose routes overlap: the matcher policy keeps the
/// resolved service's routes, routes name their operation, and errors come back in the resolved service's envelope.
/// </summary>
public sealed class EdgePipelineTests : IAsyncLifetime
{
    private static readonly AwsService Functions = new("functions", "functions", AwsProtocol.RestJson) { PathSegments = ["2015-03-31"] };

    private WebApplication? _app;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAwsService(Functions).AddAwsService(StandIns.S3);
        builder.Services.AddAwsErrorTranslation<TimeoutException>((e, service) => service.Unavailable(e.Message));
        _app = builder.Build();
        _app.UseAwsEdge();
        _app.MapGet("/2015-03-31/functions/{name}", Describe).WithAwsOperation(Functions, "GetFunction");
        _app.MapGet("/2015-03-31/failing", (HttpContext _) => throw new TimeoutException("The store is unreachable."));
        _app.MapGet("/2015-03-31/broken", (HttpContext _) => throw new InvalidOperationException("A bug."))
            .WithAwsOperation(Functions, "Broken");
        _app.MapGet("/{bucket}/{**key}", (HttpContext context) => context.Request.Path.Value == "/2015-03-31/missing"
            ? throw new AwsErrorException(404, "NoSuchKey", "The specified key does not exist.")
            : Describe(context)).WithAwsOperation(StandIns.S3, "GetObject");
        _app.MapGet("/_fulmen/health", Describe);
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app!.DisposeAsync();
    }

    [Fact]
    public async Task Route_Unsigned_ResolvedByPathAndNamedByItsRoute() =>
        Assert.Equal("functions GetFunction", await GetStringAsync("/2015-03-31/functions/f", signedFor: null));

    [Fact]
    public async Task Route_SignedForS3_BucketNamedLikeLambdasPathIsS3s() =>
        Assert.Equal("s3 GetObject", await GetStringAsync("/2015-03-31/functions/f", signedFor: "s3"));

    [Fact]
    public async Task Route_WithoutServiceMetadata_AnswersForAnyService() =>
        Assert.Equal("s3 -", await GetStringAsync("/_fulmen/health", signedFor: "s3"));

    [Fact]
    public async Task Error_UnforeseenException_ServicesInternalFailureWithRequestId()
    {
        using var response = await SendAsync("/2015-03-31/broken", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("InternalFailure", response.Headers.GetValues("x-amzn-ErrorType").Single());
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        Assert.Equal(
            $$"""{"message":"The server could not complete the request because of an internal error (request id {{requestId}})."}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Error_ThrownByS3Route_RestXmlEnvelope()
    {
        using var response = await SendAsync("/2015-03-31/missing", "s3");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Code>NoSuchKey</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_TranslatedException_TheServicesUnavailableError()
    {
        using var response = await SendAsync("/2015-03-31/failing", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("ServiceUnavailableException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Unknown_NoServiceRecognised_UnknownOperationExceptionSayingWhatWasSeen()
    {
        using var response = await SendAsync("/nothing", "sts");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(UnknownRequest.Code, response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("credential scope service 'sts'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ServiceWithoutSuchRoute_UnknownOperationInItsEnvelope()
    {
        using var response = await SendAsync("/2015-03-31/functions/f/nothing", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"message":"The functions service has no operation for GET /2015-03-31/functions/f/nothing."}""", await response.Content.ReadAsStringAsync());
    }

    private static string Describe(HttpContext context) =>
        EdgeTarget.Of(context) is { } target ? $"{target.Service.Name} {target.Operation ?? "-"}" : "none";

    private async Task<string> GetStringAsync(string path, string? signedFor)
    {
        using var response = await SendAsync(path, signedFor);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return body;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? signedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (signedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", StandIns.Authorization(signedFor));
        }
        return await _http.SendAsync(request);
    }
}
