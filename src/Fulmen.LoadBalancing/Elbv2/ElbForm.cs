using Fulmen.LoadBalancing.QueryProtocol;
using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.Elbv2;

/// <summary>Reads query-protocol parameters: scalars, <c>Name.member.N</c> lists and <c>Name.member.N.Field</c> structures.</summary>
internal static class ElbForm
{
    public static string? Optional(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    public static string Required(this IFormCollection form, string name) =>
        form.Optional(name) ?? throw new QueryError("ValidationError", $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    /// <summary>The values of <c>{name}.member.1</c>, <c>.2</c>, … up to the first gap.</summary>
    public static List<string> Members(this IFormCollection form, string name)
    {
        var values = new List<string>();
        for (var i = 1; form.Optional($"{name}.member.{i}") is { } value; i++)
        {
            values.Add(value);
        }
        return values;
    }

    /// <summary>The prefixes <c>{name}.member.1</c>, … of a list of structures, while any field of that member is present.</summary>
    public static List<string> StructMembers(this IFormCollection form, string name)
    {
        var prefixes = new List<string>();
        for (var i = 1; ; i++)
        {
            var prefix = $"{name}.member.{i}.";
            if (!form.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return prefixes;
            }
            prefixes.Add(prefix);
        }
    }
}
