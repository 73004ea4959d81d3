namespace Fulmen.Protocols.Signing;

/// <summary>
/// How one service checks signatures: the signing name its credential scope must carry (null: any), the clock skew
/// it allows, and whether it signs the path as sent (S3) or encoded once more (every other service).
/// </summary>
public sealed record SignatureRules(string? Service, TimeSpan MaxSkew, bool SignsPathAsSent = false)
{
    /// <summary>AWS's allowed skew for most services: 5 minutes.</summary>
    public static readonly TimeSpan DefaultSkew = TimeSpan.FromMinutes(5);

    /// <summary>S3 and the query-protocol services allow 15 minutes.</summary>
    public static readonly TimeSpan WideSkew = TimeSpan.FromMinutes(15);

    /// <summary>The rules of a service on the edge, from its signing name and protocol.</summary>
    public static SignatureRules For(AwsService service) => service.Protocol switch
    {
        AwsProtocol.RestXml => new SignatureRules(service.SigningName, WideSkew, SignsPathAsSent: true),
        AwsProtocol.Query => new SignatureRules(service.SigningName, WideSkew),
        _ => new SignatureRules(service.SigningName, DefaultSkew),
    };
}
