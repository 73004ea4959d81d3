using Fulmen.Protocols.Arns;

namespace Fulmen.Pipes.Model;

/// <summary>A pipe's ARN: <c>arn:aws:pipes:{region}:{account}:pipe/{name}</c>.</summary>
public static class PipeArns
{
    public static string Pipe(AwsAccount account, string name) => $"arn:aws:pipes:{account.Region}:{account.AccountId}:pipe/{name}";

    /// <summary>The pipe name of this server's pipe ARN, or null when it is not one.</summary>
    public static string? NameOf(AwsAccount account, string arn)
    {
        var prefix = $"arn:aws:pipes:{account.Region}:{account.AccountId}:pipe/";
        return arn.StartsWith(prefix, StringComparison.Ordinal) && arn.Length > prefix.Length ? arn[prefix.Length..] : null;
    }
}
