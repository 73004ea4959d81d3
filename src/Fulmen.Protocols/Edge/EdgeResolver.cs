using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// Decides which service (and, where the request names it, which operation) a request on the edge port is for,
/// in this order (docs/protocols.md): host-addressed fronts, <c>X-Amz-Target</c>, the SigV4 credential scope's
/// service, <c>Action</c>, the REST path's first segment for unsigned requests, Fulmen's own paths. A signed request
/// goes by its scope before its path, so an S3 bucket named <c>2015-03-31</c> is S3's, not Lambda's.
/// </summary>
/// <remarks>
/// Runs on every request, the warm invoke included: lookups are frozen dictionaries read with spans of the
/// request's own strings, and the answer is a per-service cached <see cref="EdgeTarget"/>, so it allocates nothing.
/// </remarks>
public sealed class EdgeResolver
{
    /// <summary>Fulmen's own endpoints (<c>/_fulmen/*</c>, <c>/metrics</c>); their errors are rest-json.</summary>
    public static readonly AwsService Fulmen = new("fulmen", "fulmen", AwsProtocol.RestJson) { PathSegments = ["_fulmen", "metrics"] };

    // Arrays, not the declarations' IReadOnlyLists: a foreach over an interface allocates its enumerator.
    private readonly (AwsHostPattern Pattern, AwsService Service)[] _hosts;
    private readonly (string Prefix, AwsService Service)[] _frontPaths;
    private readonly FrozenDictionary<string, AwsService>.AlternateLookup<ReadOnlySpan<char>> _byTarget;
    private readonly FrozenDictionary<string, AwsService[]>.AlternateLookup<ReadOnlySpan<char>> _bySigningName;
    private readonly FrozenDictionary<string, AwsService>.AlternateLookup<ReadOnlySpan<char>> _byAction;
    private readonly FrozenDictionary<string, AwsService>.AlternateLookup<ReadOnlySpan<char>> _bySegment;
    private readonly AwsService? _bySignatureV2;

    public EdgeResolver(IEnumerable<AwsService> services)
    {
        Services = [.. services];
        _hosts = [.. Services.SelectMany(s => s.Hosts.Select(h => (h, s)))];
        _frontPaths = [.. Services.SelectMany(s => s.FrontPathPrefixes.Select(p => (p, s)))];
        _byTarget = Unique(Services.SelectMany(s => s.TargetPrefixes.Select(p => (p, s))), "X-Amz-Target prefix");
        _bySigningName = Services.Where(s => s.ResolvedByScope)
            .GroupBy(s => s.SigningName, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _byAction = Unique(Services.SelectMany(s => s.QueryActions.Select(a => (a, s))), "query action");
        _bySegment = Unique(Services.Append(Fulmen).SelectMany(s => s.PathSegments.Select(p => (p, s))), "path segment");
        _bySignatureV2 = Services.Where(s => s.ResolvedBySignatureV2).ToArray() switch
        {
            [] => null,
            [var one] => one,
            var many => throw new InvalidOperationException($"Signature version 2 is declared by both {many[0].Name} and {many[1].Name}."),
        };
    }

    /// <summary>Every declared service, in registration order.</summary>
    public IReadOnlyList<AwsService> Services { get; }

    /// <summary>The service and operation <paramref name="request"/> is for, or null when nothing recognised it.</summary>
    /// <param name="formAction">The <c>Action</c> of a form body the caller already read, for unsigned query requests.</param>
    public EdgeTarget? Resolve(HttpRequest request, string? formAction = null)
    {
        var path = request.Path.Value ?? "/";
        if (HostAddressed(request.Headers.Host.ToString(), path) is { } front)
        {
            return front.Target;
        }
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && _byTarget.TryGetValue(target.AsSpan(0, dot), out var json) ? new EdgeTarget(json, target[(dot + 1)..]) : null;
        }
        var query = request.QueryString.Value ?? "";
        var scope = Scope(request.Headers.Authorization.ToString(), query);
        var action = formAction ?? QueryAction(query);
        if (!scope.IsEmpty)
        {
            if (_bySigningName.TryGetValue(scope, out var candidates))
            {
                var service = candidates.Length == 1 ? candidates[0] : ByPath(candidates, path);
                return action is null ? service.Target : new EdgeTarget(service, action);
            }
            // Signed for a service that is not here: only Fulmen's own paths still answer.
            return BySegment(path) == Fulmen ? Fulmen.Target : null;
        }
        if (action is not null && _byAction.TryGetValue(action, out var queryService))
        {
            return new EdgeTarget(queryService, action);
        }
        if (action is null && _bySignatureV2 is not null && IsSignatureV2(request.Headers.Authorization.ToString(), query) && BySegment(path) != Fulmen)
        {
            return _bySignatureV2.Target;
        }
        return BySegment(path)?.Target;
    }

    /// <summary>The credential scope's service of either signing form, or empty.</summary>
    public static ReadOnlySpan<char> Scope(string authorization, string query)
    {
        var scope = CredentialScope.FromAuthorization(authorization);
        return scope.IsEmpty && query.Length > 0 ? CredentialScope.FromQuery(query) : scope;
    }

    /// <summary><c>Authorization: AWS key:signature</c>, or a presigned query with <c>AWSAccessKeyId</c> and <c>Signature</c>.</summary>
    private static bool IsSignatureV2(string authorization, string query) =>
        authorization.StartsWith("AWS ", StringComparison.Ordinal)
        || query.Contains("AWSAccessKeyId=", StringComparison.Ordinal) && query.Contains("Signature=", StringComparison.Ordinal);

    private AwsService? HostAddressed(string host, string path)
    {
        foreach (var (pattern, service) in _hosts)
        {
            if (pattern.Matches(host))
            {
                return service;
            }
        }
        foreach (var (prefix, service) in _frontPaths)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return service;
            }
        }
        return null;
    }

    private AwsService? BySegment(string path) => _bySegment.TryGetValue(FirstSegment(path), out var service) ? service : null;

    /// <summary>Services sharing a signing name (apigateway v1 and v2) are told apart by path; the first is the default.</summary>
    private AwsService ByPath(AwsService[] candidates, string path)
    {
        var segment = BySegment(path);
        return Array.IndexOf(candidates, segment) >= 0 ? segment! : candidates[0];
    }

    private static ReadOnlySpan<char> FirstSegment(string path)
    {
        var rest = path.AsSpan(path.StartsWith('/') ? 1 : 0);
        var end = rest.IndexOf('/');
        return end >= 0 ? rest[..end] : rest;
    }

    /// <summary><c>Action</c> from the query string, or null (only the rare query-string form allocates it).</summary>
    private static string? QueryAction(string query)
    {
        var at = query.IndexOf("Action=", StringComparison.Ordinal);
        if (at < 0 || (at > 0 && query[at - 1] is not ('?' or '&')))
        {
            return null;
        }
        var value = query.AsSpan(at + "Action=".Length);
        var end = value.IndexOf('&');
        return Uri.UnescapeDataString((end >= 0 ? value[..end] : value).ToString());
    }

    private static FrozenDictionary<string, AwsService>.AlternateLookup<ReadOnlySpan<char>> Unique(IEnumerable<(string Key, AwsService Service)> entries, string what)
    {
        var map = new Dictionary<string, AwsService>(StringComparer.Ordinal);
        foreach (var (key, service) in entries)
        {
            if (!map.TryAdd(key, service) && map[key] != service)
            {
                throw new InvalidOperationException($"The {what} '{key}' is declared by both {map[key].Name} and {service.Name}.");
            }
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
