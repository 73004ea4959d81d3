using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Protocols.Arns;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>Tags of event source mappings, named by <c>arn:aws:lambda:{region}:{account}:event-source-mapping:{UUID}</c>.</summary>
internal static class MappingTags
{
    private const string ResourcePrefix = "event-source-mapping:";
    private static readonly LambdaError NotFound = new(404, "ResourceNotFoundException", "The resource you requested does not exist.");

    public static bool IsMappingArn(string resource, out string uuid)
    {
        uuid = "";
        if (!Arn.TryParse(resource, out var arn) || arn.Service != "lambda" || !arn.Resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        uuid = arn.Resource[ResourcePrefix.Length..];
        return true;
    }

    public static async Task TagAsync(HttpContext context, string uuid, IReadOnlyDictionary<string, string>? given, MappingStore store)
    {
        if (given is null || given.Count == 0)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("An error occurred and the request cannot be processed."));
        }
        _ = await store.ChangeAsync(uuid, current =>
        {
            var tags = new Dictionary<string, string>(current.Tags);
            foreach (var (key, value) in given)
            {
                tags[key] = value;
            }
            FunctionValidation.CheckTags(tags);
            return current with { Tags = tags };
        }, context.RequestAborted) ?? throw new LambdaApiException(NotFound);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task UntagAsync(HttpContext context, string uuid, MappingStore store)
    {
        var keys = context.Request.Query["tagKeys"];
        _ = await store.ChangeAsync(uuid, current =>
        {
            var tags = new Dictionary<string, string>(current.Tags);
            var removed = false;
            foreach (var key in keys)
            {
                removed |= tags.Remove(key ?? "");
            }
            return removed ? current with { Tags = tags } : current;
        }, context.RequestAborted) ?? throw new LambdaApiException(NotFound);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task ListAsync(HttpContext context, string uuid, MappingStore store)
    {
        var mapping = await store.FindAsync(uuid, context.RequestAborted) ?? throw new LambdaApiException(NotFound);
        var result = new Dictionary<string, object?> { ["Tags"] = new Dictionary<string, string>(mapping.Tags) };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }
}
