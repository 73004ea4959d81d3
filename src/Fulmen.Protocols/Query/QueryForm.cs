using System.Globalization;
using Fulmen.Protocols.Xml;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Query;

/// <summary>
/// Reads query-protocol parameters: scalars, lists <c>Name.member.N</c>, lists of structures
/// <c>Name.member.N.Field</c>, maps <c>Name.entry.N.key/value</c>, and typed values, with AWS's validation errors.
/// </summary>
public static class QueryForm
{
    /// <summary>
    /// The request's form body. A body over the form reader's limits (1,024 keys, 2,048-character keys, 4 MiB values)
    /// or a broken multipart body is the caller's fault: it becomes a 400 in the service's own shape (see the edge middleware), never a bare 500.
    /// </summary>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // Over the limits, or a multipart body whose boundaries never come: the caller's malformed form either way.
            throw new BadHttpRequestException($"The request body could not be read as a form: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
    }

    public static string? Optional(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    public static string Required(this IFormCollection form, string name) =>
        form.Optional(name) ?? throw new QueryError("ValidationError", $"1 validation error detected: Value null at '{MemberName(name)}' failed to satisfy constraint: Member must not be null");

    /// <summary>An integer in [min, max], or null when absent; anything else is AWS's range validation error.</summary>
    public static int? OptionalInt(this IFormCollection form, string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (form.Optional(name) is not { } text)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new QueryError("ValidationError",
                $"1 validation error detected: Value '{text}' at '{MemberName(name)}' failed to satisfy constraint: Member must have value between {min} and {max}");
        }
        return value;
    }

    public static int RequiredInt(this IFormCollection form, string name, int min = int.MinValue, int max = int.MaxValue) =>
        form.OptionalInt(name, min, max) ?? throw new QueryError("ValidationError", $"1 validation error detected: Value null at '{MemberName(name)}' failed to satisfy constraint: Member must not be null");

    /// <summary><c>true</c>/<c>false</c> (any case), or null when absent.</summary>
    public static bool? OptionalBool(this IFormCollection form, string name) => form.Optional(name) switch
    {
        null => null,
        { } text when bool.TryParse(text, out var value) => value,
        { } text => throw new QueryError("ValidationError", $"1 validation error detected: Value '{text}' at '{MemberName(name)}' failed to satisfy constraint: Member must be a boolean"),
    };

    /// <summary>One of <paramref name="allowed"/>, or null when absent; anything else is AWS's enum validation error.</summary>
    public static string? OptionalEnum(this IFormCollection form, string name, params string[] allowed) => form.Optional(name) switch
    {
        null => null,
        { } text when allowed.Contains(text, StringComparer.Ordinal) => text,
        { } text => throw new QueryError("ValidationError",
            $"1 validation error detected: Value '{text}' at '{MemberName(name)}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]"),
    };

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

    /// <summary>The prefixes <c>{name}.member.1.</c>, … of a list of structures, while any field of that member is present.</summary>
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

    /// <summary>The map <c>{name}.entry.N.key</c> / <c>.value</c> (N from 1, up to the first gap); a later key wins.</summary>
    public static Dictionary<string, string> Map(this IFormCollection form, string name, string key = "key", string value = "value")
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; form.Optional($"{name}.entry.{i}.{key}") is { } entryKey; i++)
        {
            map[entryKey] = form.Optional($"{name}.entry.{i}.{value}") ?? "";
        }
        return map;
    }

    /// <summary>
    /// Refuses a value no XML answer could carry (control characters other than tab, CR and LF; unpaired surrogates)
    /// with AWS's pattern error, before any operation can store it: a stored value is echoed by every later Describe.
    /// Checked once for the whole form, so no parameter of any operation is forgotten.
    /// </summary>
    public static void RequireXmlCharacters(this IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                if (value is not null && !XmlChars.IsSafe(value))
                {
                    throw new QueryError("ValidationError",
                        $"1 validation error detected: Value '{value}' at '{MemberPath(key)}' failed to satisfy constraint: " +
                        @"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD]*");
                }
            }
        }
    }

    /// <summary>A parameter as AWS's validation messages name it: <c>Tags.member.2.Key</c> → <c>tags.2.member.key</c>.</summary>
    internal static string MemberPath(string key)
    {
        var parts = key.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is "member" or "entry" && i + 1 < parts.Length && parts[i + 1].All(char.IsAsciiDigit))
            {
                (parts[i], parts[i + 1]) = (parts[i + 1], parts[i]);
                i++;
            }
            else if (parts[i].Length > 0)
            {
                parts[i] = MemberName(parts[i]);
            }
        }
        return string.Join('.', parts);
    }

    /// <summary>AWS's messages name members in camel case: <c>LoadBalancerArn</c> → <c>loadBalancerArn</c>.</summary>
    private static string MemberName(string name) => $"{char.ToLowerInvariant(name[0])}{name[1..]}";
}
