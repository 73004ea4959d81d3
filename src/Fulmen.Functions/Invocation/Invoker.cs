using System.Globalization;
using Fulmen.Execution.Environments;
using Fulmen.Functions.Api;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Async;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Concurrency;
using Fulmen.Functions.Permissions;
using Fulmen.Functions.Versions;

namespace Fulmen.Functions.Invocation;

/// <summary>
/// The one path every invocation takes: find the function, resolve the qualifier (version or alias, from memory),
/// check that qualifier's policy when someone other than the account calls, take a concurrency slot, run it in an environment.
/// Failures come back as values; nothing here throws on a bad request.
/// </summary>
public sealed class Invoker(FunctionCatalog catalog, ConcurrencyGate concurrency, EnvironmentManager environments, AsyncEventQueue queue, TimeProvider time)
{
    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken)
    {
        var requestId = request.RequestId ?? Guid.NewGuid().ToString();
        var (entry, target, error) = await ResolveQualifiedAsync(request.FunctionName, request.Qualifier, cancellationToken);
        if (entry is null)
        {
            return InvokeResult.Failed(requestId, error!);
        }
        if (request.Caller is not null && Denied(target!, request.Caller, entry) is { } denied)
        {
            return InvokeResult.Failed(requestId, denied);
        }
        var reserved = entry.Record.ReservedConcurrency;
        if (!concurrency.TryEnter(entry.Record.Name, reserved, out var reason))
        {
            return InvokeResult.Failed(requestId, LambdaError.Throttled(reason!));
        }
        try
        {
            // The runtime sees the ARN as the caller named it (an alias stays an alias); the spec says which version runs.
            var invocation = new Execution.Environments.Invocation(requestId, request.Payload, target!.Arn)
            {
                ClientContext = request.ClientContext,
                WantsLogTail = request.WantsLogTail,
                TraceId = NewTraceId(),
            };
            var outcome = await environments.InvokeAsync(target.Pick(), invocation, cancellationToken);
            return new InvokeResult(requestId, outcome, null);
        }
        catch (RuntimeUnavailableException e)
        {
            return InvokeResult.Failed(requestId, new LambdaError(502, "InvalidRuntimeException", e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // The machine refused to start the environment (disk, permissions, process limits).
            return InvokeResult.Failed(requestId, new LambdaError(500, "ServiceException", $"Could not start an execution environment: {e.Message}"));
        }
        finally
        {
            concurrency.Exit(entry.Record.Name, reserved);
        }
    }

    /// <summary>
    /// Accepts an event for asynchronous invocation: done when it is durably queued, even when the function
    /// is throttled (the dispatcher retries throttles). Returns the request id every attempt will carry.
    /// </summary>
    public async Task<(string RequestId, LambdaError? Error)> EnqueueAsync(InvokeRequest request, CancellationToken cancellationToken)
    {
        var requestId = request.RequestId ?? Guid.NewGuid().ToString();
        var (entry, target, error) = await ResolveQualifiedAsync(request.FunctionName, request.Qualifier, cancellationToken);
        if (entry is null)
        {
            return (requestId, error);
        }
        if (request.Caller is not null && Denied(target!, request.Caller, entry) is { } denied)
        {
            return (requestId, denied);
        }
        // The qualifier is kept as named: an alias is resolved to a version when the event runs.
        await queue.EnqueueAsync(entry.Record.Name, target!.Qualifier ?? VersionSnapshots.Latest, requestId, request.Payload);
        return (requestId, null);
    }

    /// <summary>
    /// <see cref="EnqueueAsync"/> for several events: each is resolved and checked on its own (the result says, in list
    /// order, its request id and error), and those accepted are queued in list order in one batch append, so they share
    /// one durable commit. Done when every accepted one is on disk.
    /// </summary>
    public async Task<IReadOnlyList<(string RequestId, LambdaError? Error)>> EnqueueBatchAsync(IReadOnlyList<InvokeRequest> requests, CancellationToken cancellationToken)
    {
        var results = new (string RequestId, LambdaError? Error)[requests.Count];
        var accepted = new List<AsyncEnqueue>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var requestId = request.RequestId ?? Guid.NewGuid().ToString();
            var (entry, target, error) = await ResolveQualifiedAsync(request.FunctionName, request.Qualifier, cancellationToken);
            if (entry is not null && request.Caller is not null)
            {
                error = Denied(target!, request.Caller, entry);
            }
            results[i] = (requestId, error);
            if (error is null)
            {
                accepted.Add(new AsyncEnqueue(entry!.Record.Name, target!.Qualifier ?? VersionSnapshots.Latest, requestId, request.Payload));
            }
        }
        if (accepted.Count > 0)
        {
            await queue.EnqueueBatchAsync(accepted);
        }
        return results;
    }

    /// <summary>Finds a function by name or ARN and checks that the qualifier (in the name or given) exists.</summary>
    public async ValueTask<(FunctionEntry? Entry, LambdaError? Error)> ResolveAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
    {
        var (entry, _, error) = await ResolveQualifiedAsync(functionName, qualifier, cancellationToken);
        return (entry, error);
    }

    /// <summary>
    /// Finds a function by name or ARN and what its qualifier (in the name, or <paramref name="qualifier"/>) names:
    /// the unqualified function, <c>$LATEST</c>, a version or an alias. An in-memory lookup once the function is known.
    /// </summary>
    public async ValueTask<(FunctionEntry? Entry, QualifiedFunction? Target, LambdaError? Error)> ResolveQualifiedAsync(
        string functionName, string? qualifier, CancellationToken cancellationToken)
    {
        if (!FunctionReference.TryParse(functionName, out var reference))
        {
            return (null, null, LambdaError.Validation(
                $"Value '{functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {FunctionReference.Pattern}"));
        }
        if (qualifier is not null && FunctionReference.QualifierProblem(qualifier) is { } problem)
        {
            return (null, null, LambdaError.Validation(problem));
        }
        var options = catalog.Options;
        if (reference.Region is { } region && region != options.Region)
        {
            return (null, null, new LambdaError(404, "ResourceNotFoundException", $"Functions from '{region}' are not reachable in this region ('{options.Region}')"));
        }
        if (reference.Qualifier is not null && qualifier is not null && reference.Qualifier != qualifier)
        {
            return (null, null, LambdaError.InvalidParameter("The derived qualifier from the function name does not match the specified qualifier."));
        }
        var effectiveQualifier = qualifier ?? reference.Qualifier;
        var entry = await catalog.FindAsync(reference.Name, cancellationToken);
        if (entry is null || (reference.Account is { } account && account != options.AccountId))
        {
            var arn = options.FunctionArn(reference.Name);
            return (null, null, LambdaError.FunctionNotFound(effectiveQualifier is null ? arn : $"{arn}:{effectiveQualifier}"));
        }
        var target = entry.Find(effectiveQualifier);
        return target is null
            ? (null, null, LambdaError.FunctionNotFound($"{entry.Arn}:{effectiveQualifier}"))
            : (entry, target, null);
    }

    /// <summary>
    /// AccessDeniedException when the policy of the invoked qualifier does not let <paramref name="caller"/> (a trigger's
    /// service, a function URL's public) perform its action on the invoked ARN; null when it does.
    /// </summary>
    private static LambdaError? Denied(QualifiedFunction target, InvocationCaller caller, FunctionEntry entry)
    {
        if (PolicyEvaluator.Allows(entry.Record.PolicyStatements, caller, target.Qualifier))
        {
            return null;
        }
        return new LambdaError(403, "AccessDeniedException",
            $"User: {caller.Principal} is not authorized to perform: {caller.Action} on resource: {target.Arn} because no resource-based policy allows the {caller.Action} action");
    }

    /// <summary>An X-Ray style trace header, as Lambda passes one to every invocation.</summary>
    private string NewTraceId()
    {
        var seconds = time.GetUtcNow().ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        Span<byte> random = stackalloc byte[20];
        Random.Shared.NextBytes(random);
        var hex = Convert.ToHexStringLower(random);
        return $"Root=1-{seconds}-{hex[..24]};Parent={hex[24..]};Sampled=0";
    }
}
