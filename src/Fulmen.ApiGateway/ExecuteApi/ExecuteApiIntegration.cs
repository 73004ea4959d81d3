using Fulmen.Functions.Http;
using Fulmen.Functions.Invocation;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.ExecuteApi;

/// <summary>What HTTP APIs and REST APIs do alike around a Lambda proxy integration: the limits, the raw query, the invoke.</summary>
public static class ExecuteApiIntegration
{
    /// <summary>The principal API Gateway invokes as, which the function's policy must allow.</summary>
    public const string Principal = "apigateway.amazonaws.com";

    /// <summary>API Gateway's payload limit for a request.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    /// <summary>The query as the client sent it (still URL-encoded), without the <c>?</c>.</summary>
    public static string RawQuery(HttpContext context) => RequestTarget.Of(context)?.RawQuery ?? "";

    /// <summary>Invokes <paramref name="function"/> as <see cref="Principal"/> with the execute-api ARN as source.</summary>
    public static Task<InvokeResult> InvokeAsync(
        Invoker invoker, string function, byte[] payload, string sourceArn, string accountId, string? requestId, CancellationToken ct) =>
        invoker.InvokeAsync(new InvokeRequest(function, payload)
        {
            RequestId = requestId,
            Caller = new InvocationCaller(Principal, InvocationCaller.InvokeFunction) { SourceArn = sourceArn, SourceAccount = accountId },
        }, ct);
}
