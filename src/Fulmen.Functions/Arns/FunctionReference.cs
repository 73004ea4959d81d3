using System.Text.RegularExpressions;

namespace Fulmen.Functions.Arns;

/// <summary>A function as callers name it: a name, a partial ARN or a full ARN, each optionally qualified.</summary>
public readonly partial record struct FunctionReference(string Name, string? Qualifier, string? Region, string? Account)
{
    /// <summary>AWS's pattern for FunctionName, quoted in its validation messages.</summary>
    public const string Pattern = @"(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";

    /// <summary>AWS's pattern for the <c>Qualifier</c> of GetFunction, Invoke, DeleteFunction and the policy APIs.</summary>
    public const string QualifierPattern = "(|[a-zA-Z0-9$_-]+)";

    [GeneratedRegex(@"^(?:arn:aws[a-zA-Z-]*:lambda:(?<region>(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):(?<account>\d{12}):function:|(?<account>\d{12}):function:)?(?<name>[a-zA-Z0-9-_]{1,64})(?::(?<qualifier>\$LATEST|[a-zA-Z0-9-_]{1,128}))?$")]
    private static partial Regex Parser();

    [GeneratedRegex("^" + QualifierPattern + "$")]
    private static partial Regex QualifierRegex();

    public static bool TryParse(string value, out FunctionReference reference)
    {
        // A plain name (every invoke by a trigger, most by the API) is the pattern's whole match on its own.
        if (IsPlainName(value))
        {
            reference = new FunctionReference(value, null, null, null);
            return true;
        }
        var match = Parser().Match(value);
        if (!match.Success)
        {
            reference = default;
            return false;
        }
        reference = new FunctionReference(
            match.Groups["name"].Value,
            match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null,
            match.Groups["region"].Success ? match.Groups["region"].Value : null,
            match.Groups["account"].Success ? match.Groups["account"].Value : null);
        return true;
    }

    private static bool IsPlainName(string value)
    {
        if (value.Length is 0 or > 64)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>AWS's validation problem for a <c>Qualifier</c> member (length 1–128, <see cref="QualifierPattern"/>), or null.</summary>
    public static string? QualifierProblem(string qualifier)
    {
        ArgumentNullException.ThrowIfNull(qualifier);
        if (qualifier.Length == 0)
        {
            return "Value '' at 'qualifier' failed to satisfy constraint: Member must have length greater than or equal to 1";
        }
        if (qualifier.Length > 128)
        {
            return $"Value '{qualifier}' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128";
        }
        return QualifierRegex().IsMatch(qualifier)
            ? null
            : $"Value '{qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: {QualifierPattern}";
    }
}
