using System.Diagnostics.CodeAnalysis;

namespace Fulmen.Protocols.Arns;

/// <summary>
/// An Amazon Resource Name, <c>arn:{partition}:{service}:{region}:{account}:{resource}</c>. Region and account may
/// be empty (IAM, S3); the resource is everything after the fifth colon, colons and slashes included.
/// </summary>
public readonly record struct Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public static bool TryParse([NotNullWhen(true)] string? text, out Arn arn)
    {
        arn = default;
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }
        Span<Range> parts = stackalloc Range[6];
        var span = text.AsSpan();
        if (span.Split(parts, ':') != 6 || span[parts[1]].IsEmpty || span[parts[2]].IsEmpty)
        {
            return false;
        }
        arn = new Arn(text[parts[1]], text[parts[2]], text[parts[3]], text[parts[4]], text[parts[5]]);
        return true;
    }

    public static Arn Parse(string text) =>
        TryParse(text, out var arn) ? arn : throw new FormatException($"'{text}' is not an ARN (arn:partition:service:region:account:resource).");

    /// <summary>The resource's type: what precedes its first <c>/</c> or <c>:</c> (<c>function</c>, <c>targetgroup</c>).</summary>
    public string ResourceType => Resource.AsSpan().IndexOfAny('/', ':') is var at and >= 0 ? Resource[..at] : Resource;

    public override string ToString() => Format(Partition, Service, Region, Account, Resource);

    /// <summary>
    /// The text of an ARN whose resource is <paramref name="resourcePrefix"/> + <paramref name="resourceName"/>, in one
    /// allocation: for paths that format an ARN per request (a function's, on every invoke).
    /// </summary>
    public static string Format(string partition, string service, string region, string account, string resourcePrefix, string resourceName = "") =>
        $"arn:{partition}:{service}:{region}:{account}:{resourcePrefix}{resourceName}";
}
