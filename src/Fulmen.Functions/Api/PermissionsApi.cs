using System.Text.RegularExpressions;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Fulmen.Functions.Permissions;
using Fulmen.Storage.Functions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>
/// AddPermission, RemovePermission and GetPolicy: the function's resource-based policy, one per qualifier
/// (the unqualified function, each version, each alias; a statement's Resource is the qualified ARN). Every change gives the function a new
/// RevisionId, as on AWS, and a RevisionId given with a change must be the current one.
/// </summary>
internal static partial class PermissionsApi
{
    private const string StatementIdPattern = "([a-zA-Z0-9-_]+)";
    private const string NamespacedStatementIdPattern = "([a-zA-Z0-9-_.]+)";
    private const string ActionPattern = "(lambda:[*]|lambda:[a-zA-Z]+|[*])";
    private const string PrincipalPattern = @"[^\s]+";
    private const string SourceArnPattern = @"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)";
    private const string SourceAccountPattern = @"\d{12}";
    private const string EventSourceTokenPattern = @"[a-zA-Z0-9._\-]+";
    private const string PrincipalOrgIdPattern = "^o-[a-z0-9]{10,32}$";
    private const string QualifierPattern = "(|[a-zA-Z0-9$_-]+)";

    [GeneratedRegex("^" + StatementIdPattern + "$")]
    private static partial Regex StatementId();

    [GeneratedRegex("^" + NamespacedStatementIdPattern + "$")]
    private static partial Regex NamespacedStatementId();

    [GeneratedRegex("^" + ActionPattern + "$")]
    private static partial Regex Action();

    [GeneratedRegex("^" + PrincipalPattern + "$")]
    private static partial Regex Principal();

    [GeneratedRegex("^(?:" + SourceArnPattern + ")$")]
    private static partial Regex SourceArn();

    [GeneratedRegex("^" + SourceAccountPattern + "$")]
    private static partial Regex SourceAccount();

    [GeneratedRegex("^" + EventSourceTokenPattern + "$")]
    private static partial Regex EventSourceToken();

    [GeneratedRegex(PrincipalOrgIdPattern)]
    private static partial Regex PrincipalOrgId();

    [GeneratedRegex("^" + QualifierPattern + "$")]
    private static partial Regex Qualifier();

    /// <summary>AddPermission: 201 with the statement added, as a JSON string.</summary>
    public static async Task AddAsync(HttpContext context, string functionName, Invoker invoker, FunctionCatalog catalog)
    {
        var request = await ApiJson.ReadAsync(context, LambdaJsonContext.Default.AddPermissionRequest);
        var queried = QueriedQualifier(context);
        var problems = new FunctionValidation.Problems();
        Required(problems, "statementId", request.StatementId);
        problems.MaxLength("statementId", request.StatementId, 100);
        problems.Pattern("statementId", request.StatementId, StatementId(), StatementIdPattern);
        Required(problems, "action", request.Action);
        problems.Pattern("action", request.Action, Action(), ActionPattern);
        Required(problems, "principal", request.Principal);
        problems.Pattern("principal", request.Principal, Principal(), PrincipalPattern);
        problems.Pattern("sourceArn", request.SourceArn, SourceArn(), SourceArnPattern);
        problems.MaxLength("sourceAccount", request.SourceAccount, 12);
        problems.Pattern("sourceAccount", request.SourceAccount, SourceAccount(), SourceAccountPattern);
        problems.MaxLength("eventSourceToken", request.EventSourceToken, 256);
        problems.Pattern("eventSourceToken", request.EventSourceToken, EventSourceToken(), EventSourceTokenPattern);
        MinLength(problems, "principalOrgID", request.PrincipalOrgID, 12);
        problems.MaxLength("principalOrgID", request.PrincipalOrgID, 34);
        problems.Pattern("principalOrgID", request.PrincipalOrgID, PrincipalOrgId(), PrincipalOrgIdPattern);
        if (request.FunctionUrlAuthType is { } authType && authType is not ("NONE" or "AWS_IAM"))
        {
            problems.Add($"Value '{authType}' at 'functionUrlAuthType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, AWS_IAM]");
        }
        CheckQualifier(problems, queried);
        problems.ThrowIfAny();

        var qualifier = queried ?? (FunctionReference.TryParse(functionName, out var reference) ? reference.Qualifier : null);
        if (qualifier == "$LATEST")
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("We currently do not support adding policies for $LATEST."));
        }
        var (entry, _) = await ResolveAsync(context, functionName, queried, invoker);
        var statement = new PolicyStatementRecord
        {
            Sid = request.StatementId!,
            Action = request.Action!,
            Principal = request.Principal!,
            Qualifier = qualifier,
            SourceArn = request.SourceArn,
            SourceAccount = request.SourceAccount,
            PrincipalOrgId = request.PrincipalOrgID,
            EventSourceToken = request.EventSourceToken,
            FunctionUrlAuthType = request.FunctionUrlAuthType,
        };
        var saved = await FunctionPolicy.AddAsync(catalog, entry.Record.Name, statement, request.RevisionId, context.RequestAborted);
        await ApiJson.WriteAsync(context, StatusCodes.Status201Created,
            new AddPermissionResponse { Statement = PolicyDocument.Statement(statement, saved.Arn) }, LambdaJsonContext.Default.AddPermissionResponse);
    }

    /// <summary>RemovePermission: 204; <c>Qualifier</c> and <c>RevisionId</c> come in the query string.</summary>
    public static async Task RemoveAsync(HttpContext context, string functionName, string statementId, Invoker invoker, FunctionCatalog catalog)
    {
        var queried = QueriedQualifier(context);
        var problems = new FunctionValidation.Problems();
        problems.MaxLength("statementId", statementId, 100);
        problems.Pattern("statementId", statementId, NamespacedStatementId(), NamespacedStatementIdPattern);
        CheckQualifier(problems, queried);
        problems.ThrowIfAny();

        var (entry, qualifier) = await ResolveAsync(context, functionName, queried, invoker);
        var revisionId = context.Request.Query.TryGetValue("RevisionId", out var revision) ? revision.ToString() : null;
        await FunctionPolicy.RemoveAsync(catalog, entry.Record.Name, statementId, qualifier, revisionId, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>GetPolicy: the policy of the qualifier and the function's RevisionId; 404 while it has no statement.</summary>
    public static async Task GetAsync(HttpContext context, string functionName, Invoker invoker)
    {
        var queried = QueriedQualifier(context);
        var problems = new FunctionValidation.Problems();
        CheckQualifier(problems, queried);
        problems.ThrowIfAny();

        var (entry, qualifier) = await ResolveAsync(context, functionName, queried, invoker);
        var statements = entry.Record.PolicyStatements;
        if (!statements.Any(s => PolicyEvaluator.Covers(s, qualifier)))
        {
            throw new LambdaApiException(new LambdaError(404, "ResourceNotFoundException", "The resource you requested does not exist."));
        }
        var result = new GetPolicyResponse
        {
            Policy = PolicyDocument.Policy(statements, entry.Arn, qualifier),
            RevisionId = entry.Record.RevisionId,
        };
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, result, LambdaJsonContext.Default.GetPolicyResponse);
    }

    private static string? QueriedQualifier(HttpContext context) =>
        context.Request.Query.TryGetValue("Qualifier", out var q) ? q.ToString() : null;

    /// <summary>
    /// The function and the qualifier named by the path or the query (404 for a version or alias that does not exist).
    /// </summary>
    private static async Task<(FunctionEntry Entry, string? Qualifier)> ResolveAsync(HttpContext context, string functionName, string? queried, Invoker invoker)
    {
        var (entry, error) = await invoker.ResolveAsync(functionName, queried, context.RequestAborted);
        if (entry is null)
        {
            throw new LambdaApiException(error!);
        }
        FunctionReference.TryParse(functionName, out var reference);
        return (entry, queried ?? reference.Qualifier);
    }

    private static void CheckQualifier(FunctionValidation.Problems problems, string? qualifier)
    {
        MinLength(problems, "qualifier", qualifier, 1);
        problems.MaxLength("qualifier", qualifier, 128);
        problems.Pattern("qualifier", qualifier, Qualifier(), QualifierPattern);
    }

    private static void Required(FunctionValidation.Problems problems, string member, string? value)
    {
        if (value is null)
        {
            problems.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        }
    }

    private static void MinLength(FunctionValidation.Problems problems, string member, string? value, int min)
    {
        if (value is not null && value.Length < min)
        {
            problems.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }
    }
}
