using System.Globalization;
using Fulmen.Execution.Environments;
using Fulmen.Functions.Api;
using Fulmen.Functions.Arns;
using Fulmen.Functions.Async;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Concurrency;
using Fulmen.Functions.Permissions;

namespace Fulmen.Functions.Invocation;

/// <summary>
/// The one path every invocation takes: find the function, resolve the qualifier, check the function's
/// policy when someone other than the account calls, take a concurrency slot, run it in an environment.
/// Failures come back as values; nothing here throws on a bad request.
/// </summary>
public sealed class Invoker(FunctionCatalog catalog, ConcurrencyGate concurrency, EnvironmentManager environments, AsyncEventQueue queue, TimeProvider time)
{
    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken)
    {
        var requestId = request.RequestId ?? Guid.NewGuid().ToString();
        var (entry, error) = await ResolveAsync(request.FunctionName, request.Qualifier, cancellationToken);
        if (entry is null)
        {
            return InvokeResult.Failed(requestId, error!);
        }
        if (request.Caller is not null && Denied(entry, request) is { } denied)
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
            var invocation = new Execution.Environments.Invocation(requestId, request.Payload, entry.Arn)
            {
                ClientContext = request.ClientContext,
                WantsLogTail = request.WantsLogTail,
                TraceId = NewTraceId(),
            };
            var outcome = await environments.InvokeAsync(entry.Spec, invocation, cancellationToken);
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
        var (entry, error) = await ResolveAsync(request.FunctionName, request.Qualifier, cancellationToken);
        if (entry is null)
        {
            return (requestId, error);
        }
        if (request.Caller is not null && Denied(entry, request) is { } denied)
        {
            return (requestId, denied);
        }
        FunctionReference.TryParse(request.FunctionName, out var reference);
        await queue.EnqueueAsync(entry.Record.Name, request.Qualifier ?? reference.Qualifier ?? "$LATEST", requestId, request.Payload);
        return (requestId, null);
    }

    /// <summary>Finds a function by name or ARN; a qualifier other than $LATEST does not exist until versions do.</summary>
    public async ValueTask<(FunctionEntry? Entry, LambdaError? Error)> ResolveAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
    {
        if (!FunctionReference.TryParse(functionName, out var reference))
        {
            return (null, LambdaError.Validation(
                $"Value '{functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {FunctionReference.Pattern}"));
        }
        var options = catalog.Options;
        if (reference.Region is { } region && region != options.Region)
        {
            return (null, new LambdaError(404, "ResourceNotFoundException", $"Functions from '{region}' are not reachable in this region ('{options.Region}')"));
        }
        if (reference.Qualifier is not null && qualifier is not null && reference.Qualifier != qualifier)
        {
            return (null, LambdaError.InvalidParameter("The derived qualifier from the function name does not match the specified qualifier."));
        }
        var effectiveQualifier = qualifier ?? reference.Qualifier;
        var arn = options.FunctionArn(reference.Name);
        var entry = await catalog.FindAsync(reference.Name, cancellationToken);
        if (entry is null || (reference.Account is { } account && account != options.AccountId))
        {
            return (null, LambdaError.FunctionNotFound(effectiveQualifier is null ? arn : $"{arn}:{effectiveQualifier}"));
        }
        if (effectiveQualifier is not null && effectiveQualifier != "$LATEST")
        {
            return (null, LambdaError.FunctionNotFound($"{arn}:{effectiveQualifier}"));
        }
        return (entry, null);
    }

    /// <summary>
    /// AccessDeniedException when the function's resource-based policy does not let <see cref="InvokeRequest.Caller"/>
    /// (a trigger's service, a function URL's public) perform its action on the invoked ARN; null when it does.
    /// </summary>
    private static LambdaError? Denied(FunctionEntry entry, InvokeRequest request)
    {
        var caller = request.Caller!;
        var qualifier = request.Qualifier ?? (FunctionReference.TryParse(request.FunctionName, out var reference) ? reference.Qualifier : null);
        if (PolicyEvaluator.Allows(entry.Record.PolicyStatements, caller, qualifier))
        {
            return null;
        }
        var resource = qualifier is null ? entry.Arn : $"{entry.Arn}:{qualifier}";
        return new LambdaError(403, "AccessDeniedException",
            $"User: {caller.Principal} is not authorized to perform: {caller.Action} on resource: {resource} because no resource-based policy allows the {caller.Action} action");
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
