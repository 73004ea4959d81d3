using Fulmen.Functions.Catalog;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Api;

internal static class CatalogChanges
{
    /// <summary>One mutation of the function <paramref name="entry"/> names, applied to its record as stored now; 404 when it is gone.</summary>
    public static async Task<FunctionEntry> ChangeExistingAsync(
        this FunctionCatalog catalog, FunctionEntry entry, Func<FunctionRecord, FunctionRecord> change, CancellationToken cancellationToken) =>
        await catalog.ChangeAsync(entry.Record.Name, change, cancellationToken)
            ?? throw new LambdaApiException(LambdaError.FunctionNotFound(entry.Arn));

    /// <summary>412 when a RevisionId is given and is not the record's.</summary>
    public static void CheckRevision(FunctionRecord record, string? revisionId)
    {
        if (revisionId is not null && revisionId != record.RevisionId)
        {
            throw new LambdaApiException(LambdaError.PreconditionFailed());
        }
    }
}
