using Fulmen.Functions.Arns;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>TagResource, UntagResource and ListTags on function ARNs and event source mapping ARNs.</summary>
internal static class TagsApi
{
    public static async Task TagAsync(HttpContext context, string resource, Invoker invoker, FunctionCatalog catalog, MappingStore mappings)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.TagResourceRequest);
        if (MappingTags.IsMappingArn(resource, out var uuid))
        {
            await MappingTags.TagAsync(context, uuid, request.Tags, mappings);
            return;
        }
        var entry = await ResolveAsync(resource, invoker, context.RequestAborted);
        if (request.Tags is null || request.Tags.Count == 0)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("An error occurred and the request cannot be processed."));
        }
        await catalog.ChangeExistingAsync(entry, current =>
        {
            var tags = new Dictionary<string, string>(current.Tags);
            foreach (var (key, value) in request.Tags)
            {
                tags[key] = value;
            }
            FunctionValidation.CheckTags(tags);
            return current with { Tags = tags };
        }, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task UntagAsync(HttpContext context, string resource, Invoker invoker, FunctionCatalog catalog, MappingStore mappings)
    {
        if (MappingTags.IsMappingArn(resource, out var uuid))
        {
            await MappingTags.UntagAsync(context, uuid, mappings);
            return;
        }
        var entry = await ResolveAsync(resource, invoker, context.RequestAborted);
        var keys = context.Request.Query["tagKeys"];
        await catalog.ChangeExistingAsync(entry, current =>
        {
            var tags = new Dictionary<string, string>(current.Tags);
            foreach (var key in keys)
            {
                tags.Remove(key ?? "");
            }
            return current with { Tags = tags };
        }, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task ListAsync(HttpContext context, string resource, Invoker invoker, MappingStore mappings)
    {
        if (MappingTags.IsMappingArn(resource, out var uuid))
        {
            await MappingTags.ListAsync(context, uuid, mappings);
            return;
        }
        var entry = await ResolveAsync(resource, invoker, context.RequestAborted);
        var result = new Dictionary<string, object?> { ["Tags"] = new Dictionary<string, string>(entry.Record.Tags) };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    /// <summary>Tags live on the unqualified function only, named by its ARN.</summary>
    private static async Task<FunctionEntry> ResolveAsync(string resource, Invoker invoker, CancellationToken cancellationToken)
    {
        if (FunctionReference.TryParse(resource, out var reference) && reference.Qualifier is not null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Tags on function aliases and versions are not supported. Please specify a function ARN."));
        }
        var (entry, error) = await invoker.ResolveAsync(resource, null, cancellationToken);
        return entry ?? throw new LambdaApiException(error!);
    }
}
