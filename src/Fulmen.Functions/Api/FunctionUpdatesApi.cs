using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>UpdateFunctionCode and UpdateFunctionConfiguration. Each change gets a new RevisionId and retires warm environments.</summary>
internal static class FunctionUpdatesApi
{
    public static async Task UpdateCodeAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.UpdateFunctionCodeRequest);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        CheckRevision(entry, request.RevisionId);
        var problems = new FunctionValidation.Problems();
        FunctionValidation.CheckArchitectures(problems, request.Architectures);
        problems.ThrowIfAny();
        if (request.ImageUri is not null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Please don't provide ImageUri when updating a function with packageType Zip."));
        }
        var package = FunctionsApi.SaveCode(catalog.Code, request.ZipFile, request.S3Bucket);
        if (request.DryRun == true)
        {
            await WriteAsync(context, entry with { Record = entry.Record with { CodeSha256 = package.CodeSha256, CodeSize = package.CodeSize } });
            return;
        }
        var record = entry.Record with
        {
            CodeSha256 = package.CodeSha256,
            CodeSize = package.CodeSize,
            Architectures = request.Architectures ?? entry.Record.Architectures,
            RevisionId = Guid.NewGuid().ToString(),
            LastModified = time.GetUtcNow(),
        };
        await SaveAsync(context, catalog, record);
    }

    public static async Task UpdateConfigurationAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.UpdateFunctionConfigurationRequest);
        var problems = new FunctionValidation.Problems();
        FunctionValidation.CheckSettings(problems, request.Role, request.Handler, request.Description, request.Timeout, request.MemorySize, request.EphemeralStorage?.Size);
        FunctionValidation.CheckVariableNames(problems, request.Environment?.Variables);
        FunctionValidation.CheckDeadLetterPattern(problems, request.DeadLetterConfig?.TargetArn);
        problems.ThrowIfAny();
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        CheckRevision(entry, request.RevisionId);
        if (request.Runtime is not null)
        {
            FunctionValidation.CheckRuntime(request.Runtime);
        }
        FunctionValidation.CheckVariables(request.Environment?.Variables);
        // An empty TargetArn removes the dead-letter target.
        var deadLetterTarget = request.DeadLetterConfig?.TargetArn is { Length: > 0 } target ? target : null;
        if (deadLetterTarget is not null)
        {
            FunctionValidation.CheckDeadLetterTarget(deadLetterTarget, catalog.Options.Region);
        }
        var current = entry.Record;
        var record = current with
        {
            Runtime = request.Runtime ?? current.Runtime,
            Role = request.Role ?? current.Role,
            Handler = request.Handler ?? current.Handler,
            Description = request.Description ?? current.Description,
            Timeout = request.Timeout ?? current.Timeout,
            MemorySize = request.MemorySize ?? current.MemorySize,
            EphemeralStorageSize = request.EphemeralStorage?.Size ?? current.EphemeralStorageSize,
            Environment = request.Environment is null ? current.Environment : request.Environment.Variables ?? [],
            TracingMode = request.TracingConfig?.Mode ?? current.TracingMode,
            LogFormat = request.LoggingConfig?.LogFormat ?? current.LogFormat,
            DeadLetterTargetArn = request.DeadLetterConfig is null ? current.DeadLetterTargetArn : deadLetterTarget,
            RevisionId = Guid.NewGuid().ToString(),
            LastModified = time.GetUtcNow(),
        };
        await SaveAsync(context, catalog, record);
    }

    private static void CheckRevision(FunctionEntry entry, string? revisionId)
    {
        if (revisionId is not null && revisionId != entry.Record.RevisionId)
        {
            throw new LambdaApiException(LambdaError.PreconditionFailed());
        }
    }

    private static async Task SaveAsync(HttpContext context, FunctionCatalog catalog, Storage.Functions.FunctionRecord record)
    {
        var entry = await catalog.UpdateAsync(record, context.RequestAborted)
            ?? throw new LambdaApiException(LambdaError.FunctionNotFound(catalog.Options.FunctionArn(record.Name)));
        await WriteAsync(context, entry);
    }

    private static Task WriteAsync(HttpContext context, FunctionEntry entry) =>
        ApiJson.WriteAsync(context, StatusCodes.Status200OK, ConfigurationView.From(entry, ConfigurationView.Moment.Updated), LambdaJsonContext.Default.FunctionConfiguration);
}
