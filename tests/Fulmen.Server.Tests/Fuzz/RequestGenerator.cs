using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Turns an operation's valid <see cref="Seed"/> into a malformed request: one or two mutations of its structure
/// (members removed, nulled, of the wrong type, hostile, huge, deeply nested, duplicated), of its bytes (truncated,
/// flipped, not JSON, invalid UTF-8), of its path, query and headers, of its method, or of its signature.
/// </summary>
internal static class RequestGenerator
{
    public static FuzzRequest Generate(OperationInfo operation, Seed seed, Random random)
    {
        var labels = new List<string>();
        var mutations = random.Next(5) == 0 ? 2 : 1;
        (string Find, string Replace)? textReplacement = null;
        Func<byte[], byte[]>? bytesMutation = null;
        string? method = null;
        var signing = Signing.Signed;
        string? authorization = null;
        string? contentType = operation.ContentType;
        AddTarget(operation, seed);
        for (var m = 0; m < mutations; m++)
        {
            var kind = random.Next(100);
            if (kind < 8 && ZipMember(seed) is { } zip)
            {
                var (bytes, label) = HostileZips.Generate(random);
                zip.Container[zip.Key] = Convert.ToBase64String(bytes);
                labels.Add($"code package: {label}");
            }
            else if (kind < 45 && seed.Raw is not null)
            {
                labels.Add(S3Mutations.Apply(seed, random));
            }
            else if (kind < 45)
            {
                labels.Add(seed.Form is not null ? FormMutations.Apply(seed.Form, random) : JsonMutations.Apply(seed, random, out textReplacement));
            }
            else if (kind < 55 && seed.PathParameters.Count > 0)
            {
                var name = seed.PathParameters.Keys.ElementAt(random.Next(seed.PathParameters.Count));
                seed.PathParameters[name] = random.Next(4) == 0 ? seed.PathParameters[name] + "%FF%C0%AF" : HostileValues.String(random);
                labels.Add($"path {{{name}}} hostile");
            }
            else if (kind < 63)
            {
                string[] names = ["Qualifier", "MaxItems", "Marker", "FunctionVersion", "tagKeys", "List", "position", "limit", "embed", "mode", "Action"];
                var name = random.Next(4) == 0 ? HostileValues.String(random) : names[random.Next(names.Length)];
                seed.Query.Add(new(name, HostileValues.String(random)));
                labels.Add($"query {FuzzRequest.Shorten(name, 40)} hostile");
            }
            else if (kind < 70)
            {
                string[] names = ["X-Amz-Invocation-Type", "X-Amz-Log-Type", "X-Amz-Client-Context", "Content-Encoding", "If-Match", "X-Amz-Content-Sha256",
                    "X-Amz-Target", "X-Amz-Security-Token", "Accept", "X-Amz-User-Agent"];
                var name = names[random.Next(names.Length)];
                seed.Headers.RemoveAll(h => h.Key == name);
                seed.Headers.Add(new(name, Printable(HostileValues.String(random))));
                labels.Add($"header {name} hostile");
            }
            else if (kind < 76)
            {
                string?[] types = [null, "", "text/plain", "application/xml", "application/x-amz-json-1.1", "application/json; charset=latin1",
                    "application/x-www-form-urlencoded; charset=utf-99", "multipart/form-data; boundary=x", "application/json; charset=\"", "*/*", "application/octet-stream"];
                contentType = types[random.Next(types.Length)];
                labels.Add($"content type {contentType ?? "(none)"}");
            }
            else if (kind < 88)
            {
                (bytesMutation, var label) = ByteMutations.Pick(random);
                labels.Add(label);
            }
            else if (kind < 93)
            {
                string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "get", "FUZZ"];
                method = methods[random.Next(methods.Length)];
                labels.Add($"method {method}");
            }
            else
            {
                (signing, authorization) = SignatureMutations.Pick(random);
                labels.Add($"signature {signing}: {FuzzRequest.Shorten(authorization ?? "", 60)}");
            }
        }

        var body = Body(seed, textReplacement);
        if (bytesMutation is not null)
        {
            body = bytesMutation(body);
        }
        return new FuzzRequest($"{operation.Key}: {string.Join("; ", labels)}", operation.SigningName, method ?? operation.Method ?? "POST", PathAndQuery(operation, seed), body)
        {
            Headers = seed.Headers,
            ContentType = contentType,
            Signing = signing,
            Authorization = authorization,
        };
    }

    /// <summary>The seed as the AWS CLI would send it (used unmutated for the reads checked after the run).</summary>
    public static FuzzRequest Valid(OperationInfo operation, Seed seed)
    {
        AddTarget(operation, seed);
        return new(operation.Key, operation.SigningName, operation.Method ?? "POST", PathAndQuery(operation, seed), Body(seed, null))
        {
            Headers = seed.Headers,
            ContentType = operation.Protocol is not ("rest-json" or "rest-xml") || seed.Json is not null || seed.Raw is { Length: > 0 } ? operation.ContentType : null,
        };
    }

    private static void AddTarget(OperationInfo operation, Seed seed)
    {
        if (operation.Target is { } target && !seed.Headers.Any(h => h.Key == "X-Amz-Target"))
        {
            seed.Headers.Add(new("X-Amz-Target", target));
        }
    }

    private static byte[] Body(Seed seed, (string Find, string Replace)? textReplacement)
    {
        if (seed.Form is not null)
        {
            return Encoding.UTF8.GetBytes(FormMutations.Encode(seed.Form));
        }
        if (seed.Raw is not null)
        {
            return seed.Raw;
        }
        if (seed.Json is null)
        {
            return [];
        }
        var text = seed.Json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (textReplacement is not null)
        {
            text = text.Replace(textReplacement.Value.Find, textReplacement.Value.Replace, StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(text);
    }

    private static string PathAndQuery(OperationInfo operation, Seed seed)
    {
        var path = operation.Path ?? "/";
        foreach (var (name, value) in seed.PathParameters)
        {
            var encoded = value.Contains("%FF", StringComparison.Ordinal) ? value : PercentEncoding.Encode(value);
            path = System.Text.RegularExpressions.Regex.Replace(path, $@"\{{{System.Text.RegularExpressions.Regex.Escape(name)}[^}}]*\}}", encoded.Replace("$", "$$", StringComparison.Ordinal));
        }
        // S3's templates name a sub-resource (/{Bucket}?tagging): the seed's query joins it.
        return seed.Query.Count == 0 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{PercentEncoding.Form(seed.Query)}";
    }

    /// <summary>Where the seed carries a code package (<c>Code.ZipFile</c>, <c>ZipFile</c>).</summary>
    private static (JsonObject Container, string Key)? ZipMember(Seed seed) =>
        seed.Json is JsonObject { } body && body.TryGetPropertyValue("Code", out var value) && value is JsonObject code && code.ContainsKey("ZipFile") ? (code, "ZipFile")
        : seed.Json is JsonObject root && root.ContainsKey("ZipFile") ? (root, "ZipFile") : null;

    /// <summary>Header values a client can send at all: control characters other than tab are not representable.</summary>
    private static string Printable(string value) =>
        new([.. value.Where(c => c == '\t' || c is >= ' ' and < '\u007f').Take(8_000)]);
}
