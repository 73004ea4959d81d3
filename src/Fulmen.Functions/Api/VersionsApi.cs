using System.Globalization;
using System.Text;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Functions.Versions;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>PublishVersion and ListVersionsByFunction (<c>/2015-03-31/functions/{name}/versions</c>).</summary>
internal static class VersionsApi
{
    /// <summary>PublishVersion: 201 with the new version (or the newest one, when $LATEST has not changed since).</summary>
    public static async Task PublishAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.PublishVersionRequest);
        var problems = new FunctionValidation.Problems();
        problems.MaxLength("description", request.Description, 256);
        problems.ThrowIfAny();
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        FunctionVersionRecord? published = null;
        var saved = await catalog.ChangeExistingAsync(entry, current =>
        {
            CheckPublish(current, request.CodeSha256, request.RevisionId);
            return VersionSnapshots.Publish(current, request.Description, time.GetUtcNow(), out published);
        }, context.RequestAborted);
        await ApiJson.WriteAsync(context, StatusCodes.Status201Created, View(saved, published!, ConfigurationView.Moment.Created), LambdaJsonContext.Default.FunctionConfiguration);
    }

    /// <summary>The preconditions PublishVersion and <c>Publish</c> on an update share: RevisionId (412) and CodeSha256 (400).</summary>
    public static void CheckPublish(FunctionRecord current, string? codeSha256, string? revisionId)
    {
        CatalogChanges.CheckRevision(current, revisionId);
        if (codeSha256 is { Length: > 0 } && codeSha256 != current.CodeSha256)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(
                $"CodeSHA256 ({codeSha256}) is different from current CodeSHA256 in $LATEST ({current.CodeSha256}). Please try again with the CodeSHA256 in $LATEST."));
        }
    }

    /// <summary>ListVersionsByFunction: $LATEST, then every published version in order; pages of at most 50.</summary>
    public static async Task ListAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var (maxItems, after) = Paging.Read(context.Request.Query, modelMaximum: 10000);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        var all = new List<(string Version, FunctionConfiguration View)>
        {
            (VersionSnapshots.Latest, ConfigurationView.From(entry, entry.Qualifiers[VersionSnapshots.Latest], ConfigurationView.Moment.Listed)),
        };
        all.AddRange(entry.Record.Versions.Select(v => (v.Version, View(entry, v, ConfigurationView.Moment.Listed))));
        var start = after is null ? 0 : all.FindIndex(item => item.Version == after) + 1;
        var page = all.Skip(start).Take(maxItems).ToList();
        var result = new Dictionary<string, object?> { ["Versions"] = page.Select(item => item.View).ToList() };
        if (start + page.Count < all.Count)
        {
            result["NextMarker"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Version));
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    public static FunctionConfiguration View(FunctionEntry entry, FunctionVersionRecord version, ConfigurationView.Moment moment) =>
        ConfigurationView.From(VersionSnapshots.AsRecord(entry.Record, version), $"{entry.Arn}:{version.Version}", version.Version, moment);
}
