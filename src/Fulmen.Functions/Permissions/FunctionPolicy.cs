using System.Text;
using Fulmen.Functions.Api;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Permissions;

/// <summary>
/// Adding and removing statements of a function's resource-based policy, for AddPermission/RemovePermission and
/// for features that grant access themselves (a function URL with AuthType NONE). As on AWS, every change gives
/// the function a new RevisionId. Failures are thrown as <see cref="LambdaApiException"/> with AWS's errors.
/// </summary>
public static class FunctionPolicy
{
    /// <summary>AWS's limit on one policy (per function, version or alias), in bytes.</summary>
    public const int MaxPolicyBytes = 20480;

    /// <summary>The Sid AWS's console uses for the public-access statement of a function URL.</summary>
    public const string PublicUrlAccessSid = "FunctionURLAllowPublicAccess";

    /// <summary>The statement that lets anyone call a function URL with AuthType NONE, as AWS's console adds it.</summary>
    public static PolicyStatementRecord PublicUrlAccess(string? qualifier) => new()
    {
        Sid = PublicUrlAccessSid,
        Action = InvocationCaller.InvokeFunctionUrl,
        Principal = "*",
        FunctionUrlAuthType = "NONE",
        Qualifier = qualifier,
    };

    /// <summary>
    /// Adds <paramref name="statement"/> to the policy of its qualifier on the function called <paramref name="name"/>
    /// (a plain name, not an ARN). Throws 412 when <paramref name="revisionId"/>
    /// is given and stale, 409 for a Sid the policy already has, 400 for a principal AWS would refuse or a policy
    /// over <see cref="MaxPolicyBytes"/>, 404 when the function is gone. Returns the saved function.
    /// </summary>
    public static async Task<FunctionEntry> AddAsync(
        FunctionCatalog catalog, string name, PolicyStatementRecord statement, string? revisionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(statement);
        return await ChangeAsync(catalog, name, revisionId, (record, arn) =>
        {
            var statements = record.PolicyStatements;
            if (statements.Any(s => s.Sid == statement.Sid && PolicyEvaluator.Covers(s, statement.Qualifier)))
            {
                throw new LambdaApiException(LambdaError.Conflict(
                    $"The statement id ({statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement."));
            }
            if (Principals.Classify(statement.Principal) == PrincipalKind.Invalid)
            {
                throw new LambdaApiException(LambdaError.InvalidParameter("The provided principal was invalid. Please check the principal and try again."));
            }
            List<PolicyStatementRecord> updated = [.. statements, statement];
            var size = Encoding.UTF8.GetByteCount(PolicyDocument.Policy(updated, arn, statement.Qualifier));
            if (size > MaxPolicyBytes)
            {
                throw new LambdaApiException(new LambdaError(400, "PolicyLengthExceededException",
                    $"The final policy size ({size}) is bigger than the limit ({MaxPolicyBytes})."));
            }
            return updated;
        }, cancellationToken);
    }

    /// <summary>
    /// Removes the statement <paramref name="sid"/> from the policy of <paramref name="qualifier"/> (null or
    /// <c>$LATEST</c>: the unqualified function). Throws 404 when that policy is empty or lacks the Sid, 412 for a
    /// stale <paramref name="revisionId"/>. Returns the saved function.
    /// </summary>
    public static async Task<FunctionEntry> RemoveAsync(
        FunctionCatalog catalog, string name, string sid, string? qualifier, string? revisionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return await ChangeAsync(catalog, name, revisionId: null, (record, _) =>
        {
            var statements = record.PolicyStatements;
            if (!statements.Any(s => PolicyEvaluator.Covers(s, qualifier)))
            {
                throw new LambdaApiException(new LambdaError(404, "ResourceNotFoundException", "No policy is associated with the given resource."));
            }
            var index = statements.ToList().FindIndex(s => s.Sid == sid && PolicyEvaluator.Covers(s, qualifier));
            if (index < 0)
            {
                throw new LambdaApiException(new LambdaError(404, "ResourceNotFoundException", $"Statement {sid} is not found in resource policy."));
            }
            CatalogChanges.CheckRevision(record, revisionId);
            List<PolicyStatementRecord> updated = [.. statements];
            updated.RemoveAt(index);
            return updated;
        }, cancellationToken);
    }

    /// <summary>
    /// One mutation of the function's policy: <paramref name="change"/> gets the record as stored now (after the
    /// RevisionId check) and returns the new statements; the function gets a new RevisionId.
    /// </summary>
    private static async Task<FunctionEntry> ChangeAsync(FunctionCatalog catalog, string name, string? revisionId,
        Func<FunctionRecord, string, IReadOnlyList<PolicyStatementRecord>> change, CancellationToken cancellationToken)
    {
        var arn = catalog.Options.FunctionArn(name);
        return await catalog.ChangeAsync(name, record =>
        {
            CatalogChanges.CheckRevision(record, revisionId);
            return record with { PolicyStatements = change(record, arn), RevisionId = Guid.NewGuid().ToString() };
        }, cancellationToken) ?? throw new LambdaApiException(LambdaError.FunctionNotFound(arn));
    }
}
