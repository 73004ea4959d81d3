using System.Text.Json.Nodes;
using Fulmen.Pipes.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Pipes.Api;

public sealed partial class PipesApi
{
    private async Task TagAsync(HttpContext context, string resourceArn)
    {
        var name = PipeName(resourceArn);
        var body = await ReadAsync(context);
        var tags = Object(body, "tags", "tags") ?? throw PipesErrors.Missing("tags");
        PipeValidation.Tags(tags);
        var given = tags.ToDictionary(t => t.Key, t => t.Value!.GetValue<string>());
        _ = await store.ChangeAsync(name, current =>
        {
            var merged = new Dictionary<string, string>(current.Tags);
            foreach (var (key, value) in given)
            {
                merged[key] = value;
            }
            if (merged.Count > 50)
            {
                throw PipesErrors.Constraint("tags", null, "Member must have length less than or equal to 50");
            }
            return current with { Tags = merged };
        }, context.RequestAborted) ?? throw PipesErrors.NotFound(name);
        await WriteAsync(context, []);
    }

    private async Task UntagAsync(HttpContext context, string resourceArn)
    {
        var name = PipeName(resourceArn);
        var keys = context.Request.Query["tagKeys"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            throw PipesErrors.Missing("tagKeys");
        }
        _ = await store.ChangeAsync(name, current => current.Tags.Keys.Any(keys.Contains)
            ? current with { Tags = current.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value) }
            : current, context.RequestAborted) ?? throw PipesErrors.NotFound(name);
        await WriteAsync(context, []);
    }

    private async Task ListTagsAsync(HttpContext context, string resourceArn)
    {
        var name = PipeName(resourceArn);
        var pipe = await store.FindAsync(name, context.RequestAborted) ?? throw PipesErrors.NotFound(name);
        await WriteAsync(context, new JsonObject { ["tags"] = Tags(pipe) });
    }

    /// <summary>The pipe a tagging path names (its ARN, slashes escaped or not), or ValidationException.</summary>
    private string PipeName(string resourceArn)
    {
        var arn = Uri.UnescapeDataString(resourceArn);
        return PipeArns.NameOf(account, arn)
            ?? throw PipesErrors.Field("resourceArn", $"Resource {arn} is not a pipe of this account and region.");
    }
}
