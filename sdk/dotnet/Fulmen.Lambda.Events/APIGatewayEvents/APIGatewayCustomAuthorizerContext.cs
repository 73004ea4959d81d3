using System.Globalization;
using System.Text.Json;

namespace Fulmen.Lambda.APIGatewayEvents;

/// <summary>
/// A REST API request's <c>requestContext.authorizer</c>: the keys a Lambda authorizer returned (read as
/// <see cref="JsonElement"/> values), or a Cognito authorizer's <c>claims</c> and <c>scopes</c>.
/// </summary>
public class APIGatewayCustomAuthorizerContext : Dictionary<string, object>
{
    private Dictionary<string, string>? _claims;

    /// <summary>The authorizer's <c>principalId</c>.</summary>
    [Obsolete("Read authorizer[\"principalId\"] instead.")]
    public string? PrincipalId
    {
        get => Text("principalId");
        set => Put("principalId", value);
    }

    /// <summary>The <c>stringKey</c> value of AWS's authorizer sample.</summary>
    [Obsolete("Read authorizer[\"stringKey\"] instead.")]
    public string? StringKey
    {
        get => Text("stringKey");
        set => Put("stringKey", value);
    }

    /// <summary>The <c>numKey</c> value of AWS's authorizer sample.</summary>
    [Obsolete("Read authorizer[\"numKey\"] instead.")]
    public int? NumKey
    {
        get => int.TryParse(Text("numKey"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
        set => Put("numKey", value);
    }

    /// <summary>The <c>boolKey</c> value of AWS's authorizer sample.</summary>
    [Obsolete("Read authorizer[\"boolKey\"] instead.")]
    public bool? BoolKey
    {
        get => bool.TryParse(Text("boolKey"), out var flag) ? flag : null;
        set => Put("boolKey", value);
    }

    /// <summary>A Cognito user pool authorizer's string claims (empty when there are none).</summary>
    public Dictionary<string, string> Claims
    {
        get => _claims ??= ReadClaims();
        set
        {
            _claims = value;
            Put("claims", value);
        }
    }

    private Dictionary<string, string> ReadClaims()
    {
        var claims = new Dictionary<string, string>();
        if (!TryGetValue("claims", out var value))
        {
            return claims;
        }
        if (value is JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    claims[property.Name] = property.Value.GetString()!;
                }
            }
        }
        else if (value is IDictionary<string, string> strings)
        {
            foreach (var (name, text) in strings)
            {
                claims[name] = text;
            }
        }
        return claims;
    }

    private string? Text(string key) => TryGetValue(key, out var value)
        ? value is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString() : Convert.ToString(value, CultureInfo.InvariantCulture)
        : null;

    private void Put(string key, object? value)
    {
        if (value is null)
        {
            Remove(key);
        }
        else
        {
            this[key] = value;
        }
    }
}
