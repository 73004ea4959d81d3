using System.Text.RegularExpressions;

namespace Fulmen.Functions.Permissions;

/// <summary>The kinds of principal AddPermission accepts; each renders and matches differently.</summary>
internal enum PrincipalKind
{
    Invalid,
    /// <summary><c>*</c>: anyone, normally narrowed by conditions.</summary>
    Anyone,
    /// <summary>A service acting as itself, such as <c>s3.amazonaws.com</c>.</summary>
    Service,
    /// <summary>A 12-digit account: any identity in it.</summary>
    Account,
    /// <summary>An IAM ARN: that identity only (an account's <c>:root</c> ARN stands for the whole account).</summary>
    Arn,
}

internal static partial class Principals
{
    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:iam:")]
    private static partial Regex IamArn();

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:iam::(?<account>\d{12}):root$")]
    private static partial Regex AccountRoot();

    /// <summary>AWS's mapping rules (the same ones LocalStack reproduces from recorded statements).</summary>
    public static PrincipalKind Classify(string principal) => principal switch
    {
        "*" => PrincipalKind.Anyone,
        _ when principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) => PrincipalKind.Service,
        _ when AccountId().IsMatch(principal) => PrincipalKind.Account,
        _ when IamArn().IsMatch(principal) => PrincipalKind.Arn,
        _ => PrincipalKind.Invalid,
    };

    /// <summary>The account an <c>arn:aws:iam::ACCOUNT:root</c> principal stands for, or null for any other ARN.</summary>
    public static string? RootAccount(string arn) => AccountRoot().Match(arn) is { Success: true } match ? match.Groups["account"].Value : null;

    /// <summary>The account field of an ARN (<c>arn:partition:service:region:ACCOUNT:resource</c>), or empty.</summary>
    public static ReadOnlySpan<char> AccountOf(ReadOnlySpan<char> arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return [];
        }
        for (var field = 0; field < 4; field++)
        {
            var colon = arn.IndexOf(':');
            if (colon < 0)
            {
                return [];
            }
            arn = arn[(colon + 1)..];
        }
        var end = arn.IndexOf(':');
        return end < 0 ? [] : arn[..end];
    }
}
