using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Code;
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
        var entry = await catalog.TryCreateAsync(record, context.RequestAborted)
            ?? throw new LambdaApiException(LambdaError.Conflict($"Function already exist: {record.Name}"));
        await ApiJson.WriteAsync(context, StatusCodes.Status201Created, ConfigurationView.From(entry, ConfigurationView.Moment.Created), LambdaJsonContext.Default.FunctionConfiguration);
    }

    public static async Task GetAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var entry = await ResolveAsync(context, functionName, invoker);
        var result = new Dictionary<string, object?>
        {
            ["Configuration"] = ConfigurationView.From(entry, ConfigurationView.Moment.Settled),
            ["Code"] = new Dictionary<string, string>
            {
                ["RepositoryType"] = "S3",
                ["Location"] = $"{catalog.Options.EndpointUrl}/_fulmen/code/{Uri.EscapeDataString(entry.Record.Name)}?sha256={Uri.EscapeDataString(entry.Record.CodeSha256)}",
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
        var entry = await ResolveAsync(context, functionName, invoker);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, ConfigurationView.From(entry, ConfigurationView.Moment.Settled), LambdaJsonContext.Default.FunctionConfiguration);
    }

    /// <summary>Pages of at most 50, as AWS; the marker is the last name of the previous page.</summary>
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
        var after = query.TryGetValue("Marker", out var marker) ? DecodeMarker(marker.ToString()) : null;
        var page = new List<FunctionConfiguration>();
        string? nextMarker = null;
        foreach (var entry in catalog.List())
        {
            if (after is not null && string.CompareOrdinal(entry.Record.Name, after) <= 0)
            {
                continue;
            }
            if (page.Count == maxItems)
            {
                nextMarker = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(page[^1].FunctionName));
                break;
            }
            page.Add(ConfigurationView.From(entry, ConfigurationView.Moment.Listed));
        }
        var result = new Dictionary<string, object?> { ["Functions"] = page };
        if (nextMarker is not null)
        {
            result["NextMarker"] = nextMarker;
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.DictionaryStringObject);
    }

    public static async Task DeleteAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var qualifier = context.Request.Query["Qualifier"].ToString();
        var entry = await ResolveAsync(context, functionName, invoker);
        if (qualifier == "$LATEST")
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("$LATEST version cannot be deleted without deleting the function."));
        }
        await catalog.DeleteAsync(entry.Record.Name, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The function named in the path (and <c>Qualifier</c> query), or the AWS error for it.</summary>
    public static async Task<FunctionEntry> ResolveAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var qualifier = context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;
        var (entry, error) = await invoker.ResolveAsync(functionName, qualifier, context.RequestAborted);
        return entry ?? throw new LambdaApiException(error!);
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
