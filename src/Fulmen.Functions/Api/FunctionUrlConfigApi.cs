using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.FunctionUrls;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>
/// Create, Get, Update, Delete and ListFunctionUrlConfig(s) (<c>/2021-10-31/functions/{name}/url</c>): a function's
/// URLs, kept in its record by qualifier. Like tags and event-invoke configs, they leave the RevisionId alone.
/// </summary>
internal static partial class FunctionUrlConfigApi
{
    /// <summary>The sid the AWS console gives the public-access statement it adds for an AuthType NONE URL.</summary>
    public const string PublicAccessSid = "FunctionURLAllowPublicAccess";

    private const string QualifierPattern = @"((?!^\d+$)^[0-9a-zA-Z-_]+$)";
    private static readonly LambdaError NoUrl = new(404, "ResourceNotFoundException", "The resource you requested does not exist.");

    [GeneratedRegex(QualifierPattern)]
    private static partial Regex Qualifier();

    public static async Task CreateAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog,
        FunctionUrlIndex index, FunctionUrlAddress address, TimeProvider time)
    {
        var request = await ReadAsync(context, create: true);
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker);
        var now = time.GetUtcNow();
        var config = new FunctionUrlConfigRecord
        {
            UrlId = FunctionUrlIndex.NewUrlId(),
            AuthType = request.AuthType!,
            InvokeMode = request.InvokeMode,
            Cors = CorsOf(request.Cors),
            CreationTime = now,
            LastModifiedTime = now,
        };
        var saved = await catalog.ChangeAsync(entry.Record.Name, current =>
        {
            if (current.FunctionUrlConfigs.ContainsKey(qualifier))
            {
                throw new LambdaApiException(LambdaError.Conflict(
                    $"Failed to create function url config for [functionArn = {ArnOf(entry, qualifier)}]. Error message:  FunctionUrlConfig exists for this Lambda function"));
            }
            var record = current with { FunctionUrlConfigs = With(current.FunctionUrlConfigs, qualifier, config) };
            return config.AuthType == "NONE" ? record with { PolicyStatements = WithPublicAccess(record.PolicyStatements, qualifier) } : record;
        }, context.RequestAborted) ?? throw new LambdaApiException(LambdaError.FunctionNotFound(ArnOf(entry, qualifier)));
        index.Add(config.UrlId, saved.Record.Name, qualifier);
        var view = View(saved, qualifier, config, address);
        view = new FunctionUrlConfigShape
        {
            FunctionUrl = view.FunctionUrl,
            FunctionArn = view.FunctionArn,
            AuthType = view.AuthType,
            Cors = view.Cors,
            CreationTime = view.CreationTime,
            InvokeMode = config.InvokeMode,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status201Created, view, FunctionUrlJsonContext.Default.FunctionUrlConfigShape);
    }

    public static async Task GetAsync(HttpContext context, string functionName, Invoker invoker, FunctionUrlAddress address)
    {
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker);
        var config = entry.Record.FunctionUrlConfigs.GetValueOrDefault(qualifier) ?? throw new LambdaApiException(NoUrl);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(entry, qualifier, config, address), FunctionUrlJsonContext.Default.FunctionUrlConfigShape);
    }

    /// <summary>UpdateFunctionUrlConfig: changes the members given; <c>Cors</c>, when given, replaces the whole CORS setting.</summary>
    public static async Task UpdateAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog,
        FunctionUrlAddress address, TimeProvider time)
    {
        var request = await ReadAsync(context, create: false);
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker);
        FunctionUrlConfigRecord? config = null;
        var saved = await catalog.ChangeAsync(entry.Record.Name, record =>
        {
            var current = record.FunctionUrlConfigs.GetValueOrDefault(qualifier) ?? throw new LambdaApiException(NoUrl);
            config = current with
            {
                AuthType = request.AuthType ?? current.AuthType,
                InvokeMode = request.InvokeMode ?? current.InvokeMode,
                Cors = request.Cors is null ? current.Cors : CorsOf(request.Cors),
                LastModifiedTime = time.GetUtcNow(),
            };
            return record with { FunctionUrlConfigs = With(record.FunctionUrlConfigs, qualifier, config) };
        }, context.RequestAborted) ?? throw new LambdaApiException(NoUrl);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, View(saved, qualifier, config!, address), FunctionUrlJsonContext.Default.FunctionUrlConfigShape);
    }

    /// <summary>DeleteFunctionUrlConfig: the URL goes; as on AWS, a public-access statement stays in the policy.</summary>
    public static async Task DeleteAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, FunctionUrlIndex index)
    {
        var (entry, qualifier) = await ResolveAsync(context, functionName, invoker);
        FunctionUrlConfigRecord? removed = null;
        _ = await catalog.ChangeAsync(entry.Record.Name, record =>
        {
            var configs = new Dictionary<string, FunctionUrlConfigRecord>(record.FunctionUrlConfigs);
            if (!configs.Remove(qualifier, out removed))
            {
                throw new LambdaApiException(NoUrl);
            }
            return record with { FunctionUrlConfigs = configs };
        }, context.RequestAborted) ?? throw new LambdaApiException(NoUrl);
        index.Remove(removed!.UrlId);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Pages of at most 50 in qualifier order; the marker is the last qualifier of the previous page.</summary>
    public static async Task ListAsync(HttpContext context, string functionName, Invoker invoker, FunctionUrlAddress address)
    {
        var (maxItems, after) = Paging.Read(context.Request.Query);
        var (entry, error) = await invoker.ResolveAsync(functionName, null, context.RequestAborted);
        if (entry is null)
        {
            throw new LambdaApiException(error!);
        }
        var remaining = entry.Record.FunctionUrlConfigs
            .Where(pair => after is null || string.CompareOrdinal(pair.Key, after) > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        var page = remaining.Take(maxItems).ToList();
        var result = new ListFunctionUrlConfigsResponse
        {
            FunctionUrlConfigs = [.. page.Select(pair => View(entry, pair.Key, pair.Value, address))],
            NextMarker = remaining.Count > page.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key)) : null,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, FunctionUrlJsonContext.Default.ListFunctionUrlConfigsResponse);
    }

    /// <summary>The body, checked against AWS's model constraints.</summary>
    private static async Task<FunctionUrlConfigRequest> ReadAsync(HttpContext context, bool create)
    {
        var request = await ApiJson.ReadAsync(context, FunctionUrlJsonContext.Default.FunctionUrlConfigRequest);
        var problems = new FunctionValidation.Problems();
        if (create && request.AuthType is null)
        {
            problems.Add("Value null at 'authType' failed to satisfy constraint: Member must not be null");
        }
        if (request.AuthType is not (null or "NONE" or "AWS_IAM"))
        {
            problems.Add($"Value '{request.AuthType}' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_IAM, NONE]");
        }
        if (request.InvokeMode is not (null or "BUFFERED" or "RESPONSE_STREAM"))
        {
            problems.Add($"Value '{request.InvokeMode}' at 'invokeMode' failed to satisfy constraint: Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
        }
        if (request.Cors is { } cors)
        {
            problems.Range("cors.maxAge", cors.MaxAge, 0, 86400);
            Count(problems, "cors.allowHeaders", cors.AllowHeaders, 100, 0, 1024);
            Count(problems, "cors.allowMethods", cors.AllowMethods, 6, 0, 6);
            Count(problems, "cors.allowOrigins", cors.AllowOrigins, 100, 1, 253);
            Count(problems, "cors.exposeHeaders", cors.ExposeHeaders, 100, 0, 1024);
        }
        problems.ThrowIfAny();
        return request;
    }

    /// <summary>
    /// A CORS list: at most <paramref name="maxItems"/> values of AWS's lengths, each one a header value can carry.
    /// AWS's pattern is <c>.*</c>, which refuses line breaks; the other control characters (and non-ASCII text) are
    /// refused too, because the URL's front writes these values into response headers, where they cannot go.
    /// </summary>
    private static void Count(FunctionValidation.Problems problems, string member, List<string>? values, int maxItems, int minLength, int maxLength)
    {
        if (values is null)
        {
            return;
        }
        var quoted = $"[{string.Join(", ", values.Select(v => v ?? "null"))}]";
        if (values.Count > maxItems)
        {
            problems.Add($"Value '{quoted}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {maxItems}");
        }
        if (values.Any(v => v is null))
        {
            problems.Add($"Value '{quoted}' at '{member}' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]");
            return;
        }
        foreach (var value in values)
        {
            problems.MaxLength($"{member}.member", value, maxLength);
            if (value.Length < minLength)
            {
                problems.Add($"Value '{value}' at '{member}.member' failed to satisfy constraint: Member must have length greater than or equal to {minLength}");
            }
        }
        if (values.Any(v => !FunctionUrlCors.IsHeaderText(v)))
        {
            problems.Add($"Value '{quoted}' at '{member}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: .*]");
        }
    }

    /// <summary>
    /// The function and qualifier: <c>""</c> for the unqualified function, else the <c>Qualifier</c> query or the one in
    /// the name. Only an alias or <c>$LATEST</c> may carry a URL; a numeric version fails the model's pattern.
    /// </summary>
    private static async Task<(FunctionEntry Entry, string Qualifier)> ResolveAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var queried = context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        FunctionReference.TryParse(functionName, out var reference);
        var qualifier = queried ?? reference.Qualifier;
        if (qualifier is not null)
        {
            var problems = new FunctionValidation.Problems();
            problems.Pattern("qualifier", qualifier, Qualifier(), QualifierPattern);
            problems.ThrowIfAny();
        }
        var (entry, error) = await invoker.ResolveAsync(functionName, queried, context.RequestAborted);
        return entry is null ? throw new LambdaApiException(error!) : (entry, qualifier ?? "");
    }

    private static IReadOnlyDictionary<string, FunctionUrlConfigRecord> With(
        IReadOnlyDictionary<string, FunctionUrlConfigRecord> configs, string qualifier, FunctionUrlConfigRecord config) =>
        new Dictionary<string, FunctionUrlConfigRecord>(configs) { [qualifier] = config };

    /// <summary>
    /// As the AWS console does for a public URL: allow <c>lambda:InvokeFunctionUrl</c> to anyone, for NONE URLs only,
    /// unless a statement with that sid is there already.
    /// </summary>
    private static IReadOnlyList<PolicyStatementRecord> WithPublicAccess(IReadOnlyList<PolicyStatementRecord> statements, string qualifier)
    {
        var policyQualifier = qualifier.Length == 0 ? null : qualifier;
        if (statements.Any(s => s.Sid == PublicAccessSid && s.Qualifier == policyQualifier))
        {
            return statements;
        }
        return
        [
            .. statements,
            new PolicyStatementRecord
            {
                Sid = PublicAccessSid,
                Action = InvocationCaller.InvokeFunctionUrl,
                Principal = "*",
                Qualifier = policyQualifier,
                FunctionUrlAuthType = "NONE",
            },
        ];
    }

    private static FunctionUrlCorsRecord? CorsOf(CorsShape? cors) => cors is null ? null : new FunctionUrlCorsRecord
    {
        AllowCredentials = cors.AllowCredentials,
        AllowHeaders = cors.AllowHeaders,
        AllowMethods = cors.AllowMethods,
        AllowOrigins = cors.AllowOrigins,
        ExposeHeaders = cors.ExposeHeaders,
        MaxAge = cors.MaxAge,
    };

    private static string ArnOf(FunctionEntry entry, string qualifier) => qualifier.Length == 0 ? entry.Arn : $"{entry.Arn}:{qualifier}";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static FunctionUrlConfigShape View(FunctionEntry entry, string qualifier, FunctionUrlConfigRecord config, FunctionUrlAddress address) => new()
    {
        FunctionUrl = address.UrlOf(config.UrlId),
        FunctionArn = ArnOf(entry, qualifier),
        AuthType = config.AuthType,
        Cors = config.Cors is not { } cors ? null : new CorsShape
        {
            AllowCredentials = cors.AllowCredentials,
            AllowHeaders = cors.AllowHeaders?.ToList(),
            AllowMethods = cors.AllowMethods?.ToList(),
            AllowOrigins = cors.AllowOrigins?.ToList(),
            ExposeHeaders = cors.ExposeHeaders?.ToList(),
            MaxAge = cors.MaxAge,
        },
        CreationTime = Time(config.CreationTime),
        LastModifiedTime = Time(config.LastModifiedTime),
        InvokeMode = config.InvokeMode ?? "BUFFERED",
    };
}
