using System.Globalization;
using System.Text.RegularExpressions;
using Fulmen.Functions.Api;
using Fulmen.Functions.Versions;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Aliases;

/// <summary>AWS's checks of CreateAlias and UpdateAlias: the model's constraints first, then the routing rules.</summary>
internal static partial class AliasValidation
{
    public const string NamePattern = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    public const string VersionPattern = @"(\$LATEST|[0-9]+)";

    [GeneratedRegex("^(?:" + NamePattern + ")$")]
    private static partial Regex Name();

    [GeneratedRegex("^(?:" + VersionPattern + ")$")]
    private static partial Regex Version();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex VersionNumber();

    /// <summary>The members' constraints (ValidationException); <paramref name="create"/> requires Name and FunctionVersion.</summary>
    public static void CheckShape(AliasRequest request, string? name, bool create)
    {
        var problems = new FunctionValidation.Problems();
        if (create && name is null)
        {
            problems.Add("Value null at 'name' failed to satisfy constraint: Member must not be null");
        }
        CheckName(problems, name);
        if (create && request.FunctionVersion is null)
        {
            problems.Add("Value null at 'functionVersion' failed to satisfy constraint: Member must not be null");
        }
        problems.MaxLength("functionVersion", request.FunctionVersion, 1024);
        problems.Pattern("functionVersion", request.FunctionVersion, Version(), VersionPattern);
        problems.MaxLength("description", request.Description, 256);
        foreach (var (version, weight) in request.RoutingConfig?.AdditionalVersionWeights ?? [])
        {
            var value = $"{{{version}={weight.ToString(CultureInfo.InvariantCulture)}}}";
            if (weight is < 0.0 or > 1.0)
            {
                problems.Add($"Value '{value}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]");
            }
            if (!VersionNumber().IsMatch(version) || version.Length > 1024)
            {
                problems.Add($"Value '{value}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]");
            }
        }
        problems.ThrowIfAny();
    }

    public static void CheckName(FunctionValidation.Problems problems, string? name)
    {
        if (name is { Length: 0 })
        {
            problems.Add("Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        problems.MaxLength("name", name, 128);
        problems.Pattern("name", name, Name(), NamePattern);
    }

    /// <summary>The routing rules against the function as stored now: one extra version, published, not the alias' own, not with $LATEST.</summary>
    public static void CheckTargets(FunctionRecord record, string functionArn, string version, IReadOnlyDictionary<string, double>? weights)
    {
        if (version != VersionSnapshots.Latest && VersionSnapshots.Find(record, version) is null)
        {
            throw new LambdaApiException(LambdaError.FunctionNotFound($"{functionArn}:{version}"));
        }
        if (weights is null || weights.Count == 0)
        {
            return;
        }
        if (weights.Count > 1)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1"));
        }
        var other = weights.Keys.First();
        if (other == version)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter(
                $"Invalid function version {version}. Function version {version} is already included in routing configuration."));
        }
        if (version == VersionSnapshots.Latest)
        {
            throw new LambdaApiException(LambdaError.InvalidParameter("$LATEST is not supported for an alias pointing to more than 1 version"));
        }
        if (VersionSnapshots.Find(record, other) is null)
        {
            throw new LambdaApiException(LambdaError.FunctionNotFound($"{functionArn}:{other}"));
        }
    }
}
