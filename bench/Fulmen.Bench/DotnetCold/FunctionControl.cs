using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Fulmen.Bench.DotnetCold;

/// <summary>
/// The Lambda API calls of the cold-start loop that <see cref="Targets.FulmenApi"/> does not make: a configuration
/// change that retires the function's environments, waiting for it to settle, and DeleteFunction.
/// </summary>
internal sealed class FunctionControl(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// UpdateFunctionConfiguration with a new value of one variable (a new revision: the next invoke starts a new
    /// environment), then GetFunctionConfiguration until <c>LastUpdateStatus</c> is <c>Successful</c>.
    /// </summary>
    public async Task ChangeVariableAsync(string name, string variable, string value)
    {
        var body = JsonSerializer.Serialize(new { Environment = new { Variables = new Dictionary<string, string> { [variable] = value } } });
        using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
        using (var response = await _http.PutAsync(new Uri($"/2015-03-31/functions/{name}/configuration", UriKind.Relative), content))
        {
            await ExpectAsync(response, HttpStatusCode.OK);
        }
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _http.GetAsync(new Uri($"/2015-03-31/functions/{name}/configuration", UriKind.Relative));
            await ExpectAsync(response, HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var status = json.RootElement.TryGetProperty("LastUpdateStatus", out var s) ? s.GetString() : null;
            if (status == "Successful")
            {
                return;
            }
            if (status == "Failed" || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"UpdateFunctionConfiguration of {name} did not settle: LastUpdateStatus {status}.");
            }
            await Task.Delay(10);
        }
    }

    public async Task DeleteAsync(string name)
    {
        using var response = await _http.DeleteAsync(new Uri($"/2015-03-31/functions/{name}", UriKind.Relative));
        await ExpectAsync(response, HttpStatusCode.NoContent);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
