using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Fulmen.Bench.Targets;

/// <summary>The few Lambda API calls the benchmark makes besides Invoke, as an AWS SDK would send them.</summary>
internal sealed class FulmenApi(Uri endpoint) : IDisposable
{
    private const string Role = "arn:aws:iam::000000000000:role/r";
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };

    public Uri InvokeUri(string functionName) => new(endpoint, $"/2015-03-31/functions/{functionName}/invocations");

    public Task CreateFunctionAsync(string name, string runtime, string handler, byte[] zip,
        IReadOnlyDictionary<string, string>? variables = null, int timeoutSeconds = 30)
    {
        var body = new Dictionary<string, object>
        {
            ["FunctionName"] = name,
            ["Runtime"] = runtime,
            ["Role"] = Role,
            ["Handler"] = handler,
            ["Timeout"] = timeoutSeconds,
            ["Code"] = new Dictionary<string, string> { ["ZipFile"] = Convert.ToBase64String(zip) },
        };
        if (variables is not null)
        {
            body["Environment"] = new Dictionary<string, object> { ["Variables"] = variables };
        }
        return SendAsync(HttpMethod.Post, "/2015-03-31/functions", HttpStatusCode.Created, body);
    }

    /// <summary>A configuration change: a new revision, so the next invoke starts a new environment.</summary>
    public Task UpdateDescriptionAsync(string name, string description) =>
        SendAsync(HttpMethod.Put, $"/2015-03-31/functions/{name}/configuration", HttpStatusCode.OK,
            new Dictionary<string, object> { ["Description"] = description });

    /// <summary>PutFunctionConcurrency: 0 keeps every invoke of the function throttled, so async events only queue up.</summary>
    public Task PutReservedConcurrencyAsync(string name, int reserved) =>
        SendAsync(HttpMethod.Put, $"/2017-10-31/functions/{name}/concurrency", HttpStatusCode.OK,
            new Dictionary<string, object> { ["ReservedConcurrentExecutions"] = reserved });

    /// <summary>DeleteFunctionConcurrency: back to the unreserved pool.</summary>
    public Task DeleteReservedConcurrencyAsync(string name) =>
        SendAsync(HttpMethod.Delete, $"/2017-10-31/functions/{name}/concurrency", HttpStatusCode.NoContent, null);

    /// <summary>CreateFunctionUrlConfig with <c>AuthType NONE</c>; returns the <c>FunctionUrl</c> (<c>http://{id}.lambda-url.…/</c>).</summary>
    public async Task<Uri> CreateFunctionUrlAsync(string name)
    {
        var body = await SendAsync(HttpMethod.Post, $"/2021-10-31/functions/{name}/url", HttpStatusCode.Created,
            new Dictionary<string, object> { ["AuthType"] = "NONE" });
        using var json = JsonDocument.Parse(body);
        return new Uri(json.RootElement.GetProperty("FunctionUrl").GetString()!);
    }

    /// <summary>AddPermission: lets <paramref name="principal"/> invoke the function for <paramref name="sourceArn"/> (e.g. a rule).</summary>
    public Task AddPermissionAsync(string name, string statementId, string principal, string sourceArn) =>
        SendAsync(HttpMethod.Post, $"/2015-03-31/functions/{name}/policy", HttpStatusCode.Created, new Dictionary<string, object>
        {
            ["StatementId"] = statementId,
            ["Action"] = "lambda:InvokeFunction",
            ["Principal"] = principal,
            ["SourceArn"] = sourceArn,
        });

    /// <summary>PublishVersion, then CreateAlias pointing at it; false when the server has no versions (404).</summary>
    public async Task<bool> TryPublishWithAliasAsync(string name, string alias)
    {
        using var probe = await _http.PostAsync($"/2015-03-31/functions/{name}/versions", new StringContent("{}", Encoding.UTF8, "application/json"));
        // A server without versions answers the unknown path, not "function not found".
        if (probe.StatusCode == HttpStatusCode.NotFound
            && !(probe.Headers.TryGetValues("x-amzn-ErrorType", out var type) && type.Contains("ResourceNotFoundException")))
        {
            return false;
        }
        if (probe.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"PublishVersion answered {(int)probe.StatusCode}: {await probe.Content.ReadAsStringAsync()}");
        }
        using var version = JsonDocument.Parse(await probe.Content.ReadAsStringAsync());
        await SendAsync(HttpMethod.Post, $"/2015-03-31/functions/{name}/aliases", HttpStatusCode.Created, new Dictionary<string, object>
        {
            ["Name"] = alias,
            ["FunctionVersion"] = version.RootElement.GetProperty("Version").GetString()!,
        });
        return true;
    }

    private async Task<string> SendAsync(HttpMethod method, string path, HttpStatusCode expected, Dictionary<string, object>? body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A deployment package: the files (name → path on disk) with their Unix modes.</summary>
    public static byte[] Zip(IEnumerable<(string Name, string Path, bool Executable)> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, path, executable) in files)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
                entry.ExternalAttributes = (executable ? Convert.ToInt32("100755", 8) : Convert.ToInt32("100644", 8)) << 16;
                using var stream = entry.Open();
                stream.Write(File.ReadAllBytes(path));
            }
        }
        return buffer.ToArray();
    }

    public void Dispose() => _http.Dispose();
}
