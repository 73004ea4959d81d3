using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Pipes.Model;
using Fulmen.Protocols;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Pipes.Api;

/// <summary>
/// EventBridge Pipes on the edge port: rest-json, signed for <c>pipes</c>, under <c>/v1/pipes</c> and <c>/tags/</c>.
/// Pipes are documents in <see cref="PipeStore"/>; the supervisor settles their states and runs them.
/// </summary>
public sealed partial class PipesApi(PipeStore store, AwsAccount account, TimeProvider time)
{
    /// <summary>
    /// Recognised by its credential scope (every SDK and the CLI sign), or unsigned by <c>/v1/</c>. <c>/tags/</c> is
    /// not claimed by path: EventBridge Scheduler has the same path, and the scope tells the two apart.
    /// </summary>
    public static readonly AwsService Service = new("pipes", "pipes", AwsProtocol.RestJson) { PathSegments = ["v1"], BadRequestErrorCode = "ValidationException" };

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.ServiceProvider.GetRequiredService<PipesApi>();
        app.MapPost("/v1/pipes/{Name}", (HttpContext c, string name) => api.CreateAsync(c, name)).WithAwsOperation(Service, "CreatePipe");
        app.MapGet("/v1/pipes/{Name}", (HttpContext c, string name) => api.DescribeAsync(c, name)).WithAwsOperation(Service, "DescribePipe");
        app.MapPut("/v1/pipes/{Name}", (HttpContext c, string name) => api.UpdateAsync(c, name)).WithAwsOperation(Service, "UpdatePipe");
        app.MapDelete("/v1/pipes/{Name}", (HttpContext c, string name) => api.DeleteAsync(c, name)).WithAwsOperation(Service, "DeletePipe");
        app.MapPost("/v1/pipes/{Name}/start", (HttpContext c, string name) => api.SetDesiredStateAsync(c, name, PipeStates.Running)).WithAwsOperation(Service, "StartPipe");
        app.MapPost("/v1/pipes/{Name}/stop", (HttpContext c, string name) => api.SetDesiredStateAsync(c, name, PipeStates.Stopped)).WithAwsOperation(Service, "StopPipe");
        app.MapGet("/v1/pipes", (HttpContext c) => api.ListAsync(c)).WithAwsOperation(Service, "ListPipes");
        app.MapPost("/tags/{resourceArn}", (HttpContext c, string resourceArn) => api.TagAsync(c, resourceArn)).WithAwsOperation(Service, "TagResource");
        app.MapDelete("/tags/{resourceArn}", (HttpContext c, string resourceArn) => api.UntagAsync(c, resourceArn)).WithAwsOperation(Service, "UntagResource");
        app.MapGet("/tags/{resourceArn}", (HttpContext c, string resourceArn) => api.ListTagsAsync(c, resourceArn)).WithAwsOperation(Service, "ListTagsForResource");
    }

    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonBody.ReadObjectAsync(context.Request);
        }
        catch (JsonException)
        {
            throw PipesErrors.Serialization();
        }
    }

    private static Task WriteAsync(HttpContext context, JsonObject result) => JsonBody.WriteResultAsync(context.Response, result, "application/json");

    private async Task<PipeRecord> FindAsync(string name, CancellationToken cancellationToken)
    {
        PipeValidation.Name(name);
        return await store.FindAsync(name, cancellationToken) ?? throw PipesErrors.NotFound(name);
    }

    /// <summary>What Create, Update, Start, Stop and Delete answer.</summary>
    private static JsonObject Summary(PipeRecord pipe) => new()
    {
        ["Arn"] = pipe.Arn,
        ["CreationTime"] = pipe.CreationTime,
        ["CurrentState"] = pipe.CurrentState,
        ["DesiredState"] = pipe.DesiredState,
        ["LastModifiedTime"] = pipe.LastModifiedTime,
        ["Name"] = pipe.Name,
    };

    /// <summary>A member that must be a string when present.</summary>
    private static string? Text(JsonObject body, string member, string field)
    {
        var node = body[member];
        if (node is null)
        {
            return null;
        }
        return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw PipesErrors.Constraint(field, node.ToJsonString(), "Member must be a string");
    }

    private static JsonObject? Object(JsonObject body, string member, string field) => body[member] switch
    {
        null => null,
        JsonObject value => value,
        var other => throw PipesErrors.Constraint(field, other.ToJsonString(), "Member must be a structure"),
    };
}
