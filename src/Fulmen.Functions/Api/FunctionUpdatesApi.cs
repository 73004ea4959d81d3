using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Functions.Versions;
using Fulmen.Storage.Code;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>UpdateFunctionCode and UpdateFunctionConfiguration. Each change gets a new RevisionId and retires warm environments.</summary>
internal static class FunctionUpdatesApi
{
    public static async Task UpdateCodeAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.UpdateFunctionCodeRequest);
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        CatalogChanges.CheckRevision(entry.Record, request.RevisionId);
        var problems = new FunctionValidation.Problems();
        FunctionValidation.CheckArchitectures(problems, request.Architectures);
        problems.ThrowIfAny();
        if (request.ImageUri is not null)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Please don't provide ImageUri when updating a function with packageType Zip."));
        }
        var package = await FunctionsApi.SaveCodeAsync(catalog.Code, request.ZipFile, request.S3Bucket, context.RequestAborted);
        if (request.DryRun == true)
        {
            await WriteAsync(context, entry with { Record = entry.Record with { CodeSha256 = package.CodeSha256, CodeSize = package.CodeSize } });
            return;
        }
        if (request.Publish == true)
        {
            // The update and version it publishes are one write; AWS answers with the version and its ARN.
            FunctionVersionRecord? published = null;
            var saved = await catalog.ChangeExistingAsync(entry, current =>
            {
                CatalogChanges.CheckRevision(current, request.RevisionId);
                var now = time.GetUtcNow();
                return VersionSnapshots.Publish(WithCode(current, package, request.Architectures, now), null, now, out published);
            }, context.RequestAborted);
            await ApiJson.WriteAsync(context, StatusCodes.Status200OK, VersionsApi.View(saved, published!, ConfigurationView.Moment.Updated), LambdaJsonContext.Default.FunctionConfiguration);
            return;
        }
        await SaveAsync(context, catalog, entry, request.RevisionId, current => WithCode(current, package, request.Architectures, time.GetUtcNow()));
    }

    private static FunctionRecord WithCode(FunctionRecord current, CodePackage package, List<string>? architectures, DateTimeOffset now) => current with
    {
        CodeSha256 = package.CodeSha256,
        CodeSize = package.CodeSize,
        Architectures = architectures ?? current.Architectures,
        RevisionId = Guid.NewGuid().ToString(),
        LastModified = now,
    };

    public static async Task UpdateConfigurationAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog, TimeProvider time)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.UpdateFunctionConfigurationRequest);
        var problems = new FunctionValidation.Problems();
        FunctionValidation.CheckSettings(problems, request.Role, request.Handler, request.Description, request.Timeout, request.MemorySize, request.EphemeralStorage?.Size);
        FunctionValidation.CheckVariableNames(problems, request.Environment?.Variables);
        FunctionValidation.CheckDeadLetterPattern(problems, request.DeadLetterConfig?.TargetArn);
        problems.ThrowIfAny();
        var entry = await FunctionsApi.ResolveAsync(context, functionName, invoker);
        CatalogChanges.CheckRevision(entry.Record, request.RevisionId);
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
        await SaveAsync(context, catalog, entry, request.RevisionId, current => current with
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
        });
    }

    /// <summary>One mutation: the RevisionId precondition is checked again against the record as stored now.</summary>
    private static async Task SaveAsync(HttpContext context, FunctionCatalog catalog, FunctionEntry entry, string? revisionId,
        Func<Storage.Functions.FunctionRecord, Storage.Functions.FunctionRecord> change)
    {
        var saved = await catalog.ChangeExistingAsync(entry, current =>
        {
            CatalogChanges.CheckRevision(current, revisionId);
            return change(current);
        }, context.RequestAborted);
        await WriteAsync(context, saved);
    }

    private static Task WriteAsync(HttpContext context, FunctionEntry entry) =>
        ApiJson.WriteAsync(context, StatusCodes.Status200OK, ConfigurationView.From(entry, ConfigurationView.Moment.Updated), LambdaJsonContext.Default.FunctionConfiguration);
}
