using Fulmen.Functions.Invocation;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Permissions;

/// <summary>
/// Decides whether a function's resource-based policy lets a caller (a trigger's service, the public behind a
/// function URL) invoke it. Lambda policies hold only Allow statements, so one matching statement is enough.
/// A statement matches when its qualifier, action, principal and every condition match; a condition whose key
/// the caller does not supply fails, as in IAM.
/// </summary>
public static class PolicyEvaluator
{
    public static bool Allows(IReadOnlyList<PolicyStatementRecord> statements, InvocationCaller caller, string? qualifier)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(caller);
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (Covers(statement, qualifier) && ActionMatches(statement.Action, caller.Action)
                && PrincipalMatches(statement.Principal, caller.Principal) && ConditionsMatch(statement, caller))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the statement belongs to the policy of <paramref name="qualifier"/>: each version and alias has its
    /// own policy, and a statement added without a qualifier covers the unqualified function and <c>$LATEST</c>.
    /// </summary>
    public static bool Covers(PolicyStatementRecord statement, string? qualifier)
    {
        ArgumentNullException.ThrowIfNull(statement);
        // AddPermission refuses $LATEST, but a statement written with it directly still means the unqualified policy.
        return statement.Qualifier is null or "$LATEST"
            ? qualifier is null or "$LATEST"
            : string.Equals(statement.Qualifier, qualifier, StringComparison.Ordinal);
    }

    /// <summary>IAM action names are case-insensitive; <c>lambda:*</c> covers every Lambda action, <c>*</c> every action.</summary>
    private static bool ActionMatches(string granted, string requested) =>
        granted == "*"
        || string.Equals(granted, requested, StringComparison.OrdinalIgnoreCase)
        || (string.Equals(granted, "lambda:*", StringComparison.OrdinalIgnoreCase)
            && requested.StartsWith("lambda:", StringComparison.OrdinalIgnoreCase));

    private static bool PrincipalMatches(string granted, string caller)
    {
        switch (Principals.Classify(granted))
        {
            case PrincipalKind.Anyone:
                return true;
            case PrincipalKind.Service:
                return string.Equals(granted, caller, StringComparison.Ordinal);
            case PrincipalKind.Account:
                return InAccount(caller, granted);
            case PrincipalKind.Arn:
                return string.Equals(granted, caller, StringComparison.Ordinal)
                    || (Principals.RootAccount(granted) is { } account && InAccount(caller, account));
            default:
                return false;
        }
    }

    /// <summary>The caller is the account itself or an identity (role, user, session) whose ARN names that account.</summary>
    private static bool InAccount(string caller, string account) =>
        string.Equals(caller, account, StringComparison.Ordinal)
        || Principals.AccountOf(caller).SequenceEqual(account);

    private static bool ConditionsMatch(PolicyStatementRecord statement, InvocationCaller caller) =>
        (statement.SourceArn is null || (caller.SourceArn is { } sourceArn && ArnLike.Matches(statement.SourceArn, sourceArn)))
        && Equal(statement.SourceAccount, caller.SourceAccount)
        && Equal(statement.FunctionUrlAuthType, caller.FunctionUrlAuthType)
        // No caller carries an organization or an Alexa token yet: such a statement cannot match anyone.
        && statement.PrincipalOrgId is null
        && statement.EventSourceToken is null;

    /// <summary>StringEquals: no condition, or the caller supplies the key with exactly that value.</summary>
    private static bool Equal(string? required, string? given) =>
        required is null || (given is not null && string.Equals(required, given, StringComparison.Ordinal));
}
