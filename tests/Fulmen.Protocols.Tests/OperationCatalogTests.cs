using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulmen.Protocols.Tests;

/// <summary>
/// What <c>GET /_fulmen/operations</c> lists, read from the same declarations the edge uses: REST routes with their
/// method and template, a self-dispatching service's named operations, query actions, and a JSON service's targets (once per protocol for a service that speaks both).
/// </summary>
public sealed class OperationCatalogTests
{
    private static readonly AwsService Rest = new("functions", "functions", AwsProtocol.RestJson) { PathSegments = ["2015-03-31"] };

    private static readonly AwsService Both = new("queues", "sqs", AwsProtocol.Query)
    {
        TargetPrefixes = ["AmazonSQS"],
        QueryActions = ["SendMessage", "CreateQueue"],
    };

    private static readonly AwsService Json = new("events", "events", AwsProtocol.Json11)
    {
        TargetPrefixes = ["AWSEvents"],
        TargetOperations = ["PutEvents"],
    };

    /// <summary>A service that dispatches itself (S3): its declared operations are listed as it names them.</summary>
    private static readonly AwsService Handled = new("objects", "s3", AwsProtocol.RestXml)
    {
        HandledOperations = [new("GetObject", "GET", "/{Bucket}/{Key+}"), new("GetBucketTagging", "GET", "/{Bucket}?tagging")],
    };

    [Fact]
    public async Task List_EveryDeclaredOperation_SortedWithRoutesAndTargets()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAwsService(Rest).AddAwsService(Both).AddAwsService(Json).AddAwsService(Handled);
        await using var app = builder.Build();
        app.UseAwsEdge();
        app.MapGet("/2015-03-31/functions/{name}", () => "").WithAwsOperation(Rest, "GetFunction");
        app.MapMethods("/2015-03-31/functions", ["POST"], () => "").WithAwsOperation(Rest, "CreateFunction");
        app.MapGet("/_fulmen/health", () => "ready");
        // Routes join the server's endpoint data source when the pipeline is built, as the running server has it.
        await app.StartAsync();

        var listed = OperationCatalog.List(app.Services).Select(o => $"{o.Service} {o.SigningName} {o.Protocol} {o.Operation} {o.Method} {o.Path} {o.Target}");

        Assert.Equal(
        [
            "events events json-1.1 PutEvents POST / AWSEvents.PutEvents",
            "functions functions rest-json CreateFunction POST /2015-03-31/functions ",
            "functions functions rest-json GetFunction GET /2015-03-31/functions/{name} ",
            "objects s3 rest-xml GetBucketTagging GET /{Bucket}?tagging ",
            "objects s3 rest-xml GetObject GET /{Bucket}/{Key+} ",
            "queues sqs json-1.0 CreateQueue POST / AmazonSQS.CreateQueue",
            "queues sqs query CreateQueue   ",
            "queues sqs json-1.0 SendMessage POST / AmazonSQS.SendMessage",
            "queues sqs query SendMessage   ",
        ], listed);
    }
}
