using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Code;
using Fulmen.Functions.Versions;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions and DeleteFunction.</summary>
internal static class FunctionsApi
{
    public static async Task CreateAsync(HttpContext context, FunctionCatalog catalog, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.CreateFunctionRequest);
        var problems = new FunctionValidation.Problems();
        if (request.FunctionName is null)
        {
            problems.Add("Value null at 'functionName' failed to satisfy constraint: Member must not be null");
        }
        else if (!Arns.FunctionReference.TryParse(request.FunctionName, out _) || request.FunctionName.Length > 140)
        {
            problems.Add($"Value '{request.FunctionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {Arns.FunctionReference.Pattern}");
        }
        if (request.Role is null)
        {
            problems.Add("Value null at 'role' failed to satisfy constraint: Member must not be null");
        }
        FunctionValidation.CheckSettings(problems, request.Role, request.Handler, request.Description, request.Timeout, request.MemorySize, request.EphemeralStorage?.Size);
        FunctionValidation.CheckArchitectures(problems, request.Architectures);
        FunctionValidation.CheckVariableNames(problems, request.Environment?.Variables);
        FunctionValidation.CheckDeadLetterPattern(problems, request.DeadLetterConfig?.TargetArn);
        problems.ThrowIfAny();

        if (request.PackageType is "Image" || request.Code?.ImageUri is not null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Container image functions (PackageType Image) are not supported by Fulmen; deploy a zip package."));
        }
        if (request.Runtime is null || request.Handler is null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages."));
        }
        FunctionValidation.CheckRuntime(request.Runtime);
        FunctionValidation.CheckVariables(request.Environment?.Variables);
        FunctionValidation.CheckTags(request.Tags);
        if (request.DeadLetterConfig?.TargetArn is { } deadLetterTarget)
        {
            FunctionValidation.CheckDeadLetterTarget(deadLetterTarget, catalog.Options.Region);
        }
        var package = await SaveCodeAsync(catalog.Code, request.Code?.ZipFile, request.Code?.S3Bucket, context.RequestAborted);

        Arns.FunctionReference.TryParse(request.FunctionName!, out var reference);
        var record = new FunctionRecord
        {
            Name = reference.Name,
            Runtime = request.Runtime,
            Role = request.Role!,
            Handler = request.Handler,
            Description = request.Description ?? "",
            Timeout = request.Timeout ?? 3,
            MemorySize = request.MemorySize ?? 128,
            EphemeralStorageSize = request.EphemeralStorage?.Size ?? 512,
            Architectures = request.Architectures ?? ["x86_64"],
            Environment = request.Environment is null ? null : request.Environment.Variables ?? [],
            Tags = request.Tags ?? [],
            CodeSha256 = package.CodeSha256,
            CodeSize = package.CodeSize,
            RevisionId = Guid.NewGuid().ToString(),
            LastModified = time.GetUtcNow(),
            TracingMode = request.TracingConfig?.Mode ?? "PassThrough",
            LogFormat = request.LoggingConfig?.LogFormat ?? "Text",
            DeadLetterTargetArn = request.DeadLetterConfig?.TargetArn,
        };
        FunctionVersionRecord? published = null;
        if (request.Publish == true)
        {
            // Version 1 is created with the function, in the same write.
            record = VersionSnapshots.Publish(record, null, record.LastModified, out published);
        }
        var entry = await catalog.TryCreateAsync(record, context.RequestAborted)
            ?? throw new LambdaApiException(LambdaError.Conflict($"Function already exist: {record.Name}"));
        var view = ConfigurationView.From(entry, ConfigurationView.Moment.Created);
        if (published is not null)
        {
            // AWS answers with the version's number but keeps the unqualified ARN.
            view = ConfigurationView.From(VersionSnapshots.AsRecord(entry.Record, published), entry.Arn, published.Version, ConfigurationView.Moment.Created);
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status201Created, view, LambdaJsonContext.Default.FunctionConfiguration);
    }

    public static async Task GetAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var (entry, target) = await ResolveTargetAsync(context, functionName, invoker);
        var configuration = ConfigurationView.From(entry, target, ConfigurationView.Moment.Settled);
        var result = new Dictionary<string, object?>
        {
            ["Configuration"] = configuration,
            ["Code"] = new Dictionary<string, string>
            {
                ["RepositoryType"] = "S3",
                ["Location"] = $"{catalog.Options.EndpointUrl}/_fulmen/code/{Uri.EscapeDataString(entry.Record.Name)}?sha256={Uri.EscapeDataString(configuration.CodeSha256)}",
            },
        };
        if (entry.Record.Tags.Count > 0)
        {
            result["Tags"] = new Dictionary<string, string>(entry.Record.Tags);
        }
        if (entry.Record.ReservedConcurrency is { } reserved)
        {
            result["Concurrency"] = new Dictionary<string, object?> { ["ReservedConcurrentExecutions"] = reserved };
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    public static async Task GetConfigurationAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var (entry, target) = await ResolveTargetAsync(context, functionName, invoker);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, ConfigurationView.From(entry, target, ConfigurationView.Moment.Settled), LambdaJsonContext.Default.FunctionConfiguration);
    }

    /// <summary>
    /// Pages of at most 50, as AWS; the marker is the last item of the previous page. <c>FunctionVersion=ALL</c> lists
    /// every function's $LATEST and each published version.
    /// </summary>
    public static async Task ListAsync(HttpContext context, FunctionCatalog catalog)
    {
        var query = context.Request.Query;
        var maxItems = 50;
        if (query.TryGetValue("MaxItems", out var max))
        {
            if (!int.TryParse(max, out maxItems) || maxItems < 1 || maxItems > 10000)
            {
                throw new LambdaApiException(LambdaError.Validation(
                    $"Value '{max}' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"));
            }
            maxItems = Math.Min(maxItems, 50);
        }
        var allVersions = false;
        if (query.TryGetValue("FunctionVersion", out var functionVersion))
        {
            if (functionVersion.ToString() != "ALL")
            {
                throw new LambdaApiException(LambdaError.Validation(
                    $"Value '{functionVersion}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]"));
            }
            allVersions = true;
        }
        var after = query.TryGetValue("Marker", out var marker) ? DecodeMarker(marker.ToString()) : null;
        var page = new List<FunctionConfiguration>();
        string? nextMarker = null;
        string? lastKey = null;
        foreach (var (key, view) in Listed(catalog, allVersions))
        {
            if (after is not null && string.CompareOrdinal(key, after) <= 0)
            {
                continue;
            }
            if (page.Count == maxItems)
            {
                nextMarker = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(lastKey!));
                break;
            }
            page.Add(view());
            lastKey = key;
        }
        var result = new Dictionary<string, object?> { ["Functions"] = page };
        if (nextMarker is not null)
        {
            result["NextMarker"] = nextMarker;
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    /// <summary>Every listed item in order with its marker key: the name, or with ALL <c>name\0version</c> (versions in number order).</summary>
    private static IEnumerable<(string Key, Func<FunctionConfiguration> View)> Listed(FunctionCatalog catalog, bool allVersions)
    {
        foreach (var entry in catalog.List())
        {
            if (!allVersions)
            {
                yield return (entry.Record.Name, () => ConfigurationView.From(entry, ConfigurationView.Moment.Listed));
                continue;
            }
            yield return (Key(entry.Record.Name, 0), () => ConfigurationView.From(entry, entry.Qualifiers[VersionSnapshots.Latest], ConfigurationView.Moment.Listed));
            foreach (var version in entry.Record.Versions)
            {
                yield return (Key(entry.Record.Name, int.Parse(version.Version, System.Globalization.CultureInfo.InvariantCulture)),
                    () => VersionsApi.View(entry, version, ConfigurationView.Moment.Listed));
            }
        }
    }

    /// <summary>Sorts like the list: by name, then $LATEST (0) and versions by number (zero-padded).</summary>
    private static string Key(string name, int version) => $"{name}\u0000{version:D10}";

    /// <summary>DeleteFunction: the whole function with its versions and aliases, or (with a qualifier) one version.</summary>
    public static async Task DeleteAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var queried = context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        var named = Arns.FunctionReference.TryParse(functionName, out var reference) ? reference.Qualifier : null;
        if ((queried ?? named) == VersionSnapshots.Latest)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("$LATEST version cannot be deleted without deleting the function."));
        }
        var (entry, target) = await ResolveTargetAsync(context, functionName, invoker);
        if (target.Qualifier is null)
        {
            await catalog.DeleteAsync(entry.Record.Name, context.RequestAborted);
        }
        else if (target.Alias is not null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Deletion of aliases is not currently supported."));
        }
        else
        {
            await catalog.ChangeExistingAsync(entry, current => VersionDeletion.Delete(current, target.Qualifier, entry.Arn), context.RequestAborted);
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The function named in the path (and <c>Qualifier</c> query), or the AWS error for it.</summary>
    public static async Task<FunctionEntry> ResolveAsync(HttpContext context, string functionName, Invoker invoker) =>
        (await ResolveTargetAsync(context, functionName, invoker)).Entry;

    /// <summary>The function and what its qualifier (path or <c>Qualifier</c> query) names, or the AWS error for it.</summary>
    public static async Task<(FunctionEntry Entry, QualifiedFunction Target)> ResolveTargetAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var qualifier = context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        var (entry, target, error) = await invoker.ResolveQualifiedAsync(functionName, qualifier, context.RequestAborted);
        return entry is null ? throw new LambdaApiException(error!) : (entry, target!);
    }

    public static async Task<CodePackage> SaveCodeAsync(CodeStore code, byte[]? zip, string? s3Bucket, CancellationToken cancellationToken)
    {
        if (zip is null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(s3Bucket is not null
                ? "Code from S3 (S3Bucket/S3Key) is not supported by Fulmen yet; upload the zip directly (ZipFile)."
                : "Please provide a source for function code (Code.ZipFile)."));
        }
        try
        {
            return await code.SaveAsync(new MemoryStream(zip, writable: false), cancellationToken);
        }
        catch (InvalidCodePackageException e)
        {
            throw new LambdaApiException(e.TooLarge
                ? new LambdaError(413, "RequestEntityTooLargeException", e.Message)
                : LambdaError.InvalidParameter(e.Message));
        }
    }

    public static string? DecodeMarker(string marker)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(marker));
        }
        catch (FormatException)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Invalid Marker."));
        }
    }
}
