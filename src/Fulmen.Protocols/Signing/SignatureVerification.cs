using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulmen.Protocols.Signing;

/// <summary>
/// <c>--verify-signatures</c>: placed right after the edge resolver, it refuses every request resolved to an AWS API
/// service unless a configured credential signed it, with the service's own error in its protocol, before any
/// handler runs. Requests the resolver leaves alone (function URLs, execute-api, load balancers' listeners) and
/// Fulmen's own endpoints (<c>/_fulmen/*</c>, <c>/metrics</c>) pass untouched.
/// </summary>
public sealed partial class SignatureVerification(SigV4Verifier verifier, SignatureVerificationOptions options, ILogger<SignatureVerification> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (EdgeTarget.Of(context) is not { } target || IsExempt(target.Service, context.Request))
        {
            await next(context);
            return;
        }
        var check = await verifier.VerifyAsync(context.Request, SignatureRules.For(target.Service), context.RequestAborted);
        if (!check.IsValid)
        {
            Log.Refused(logger, target.Service.Name, target.Operation, check.Failure, check.AccessKey ?? check.Detail);
            var error = options.ErrorOverride?.Invoke(target.Service, check) ?? SignatureErrors.For(AwsErrorWriter.ProtocolOf(target.Service, context.Request), check);
            await AwsErrorWriter.WriteAsync(context, target.Service, error);
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Fulmen's own endpoints, and the public fronts the resolver knows by host or path prefix (function URLs with
    /// their own AuthType, execute-api): these answer anyone, as on AWS. A host-addressed API that must be signed
    /// (virtual-hosted S3) says so with <see cref="AwsService.SignedHosts"/>, and names what it answers unsigned.
    /// </summary>
    private static bool IsExempt(AwsService service, HttpRequest request) =>
        service == EdgeResolver.Fulmen || (service.Hosts.Count > 0 || service.FrontPathPrefixes.Count > 0) && !service.SignedHosts
        || service.Unsigned?.Invoke(request) == true
        || request.Path.StartsWithSegments("/_fulmen", StringComparison.Ordinal) || request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Refused a request for {Service} {Operation}: {Failure} ({Detail})")]
        public static partial void Refused(ILogger logger, string service, string? operation, SignatureFailure failure, string? detail);
    }
}

/// <summary>Settings of <see cref="SignatureVerification"/>.</summary>
public sealed class SignatureVerificationOptions
{
    /// <summary>A service whose codes differ from its protocol's answers here (null: the protocol's error).</summary>
    public Func<AwsService, SignatureCheck, AwsError?>? ErrorOverride { get; init; }
}

/// <summary>Registration of the one verifier and of the <c>--verify-signatures</c> middleware.</summary>
public static class SignatureServices
{
    /// <summary>The verifier every signed surface uses (function URLs with AWS_IAM, the edge with --verify-signatures).</summary>
    public static IServiceCollection AddSignatureVerifier(this IServiceCollection services, SigningCredentials credentials, string region)
    {
        services.AddSingleton(credentials);
        services.AddSingleton(provider => new SigV4Verifier(credentials, region, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new SignatureVerificationOptions());
        services.AddSingleton<SignatureVerification>();
        return services;
    }

    /// <summary>Refuses unsigned or wrongly signed AWS API requests; goes right after the edge resolver.</summary>
    public static IApplicationBuilder UseSignatureVerification(this IApplicationBuilder app)
    {
        var verification = app.ApplicationServices.GetRequiredService<SignatureVerification>();
        return app.Use((context, next) => verification.InvokeAsync(context, next));
    }
}
