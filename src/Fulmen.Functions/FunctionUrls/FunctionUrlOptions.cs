using Fulmen.Protocols.Signing;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>Settings of the function URL front. The credentials AWS_IAM URLs accept are the server's (<see cref="SigningCredentials"/>).</summary>
public sealed class FunctionUrlOptions
{
    /// <summary>How far a signed request's <c>X-Amz-Date</c> may be from the server's clock. Default 15 minutes.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>What an AWS_IAM URL checks: a signature for service <c>lambda</c>, the path signed as AWS's SDKs or curl sign it.</summary>
    public SignatureRules SignatureRules => field ??= new SignatureRules("lambda", MaxClockSkew);
}
