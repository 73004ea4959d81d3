using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Server.Cli.Authoring;

/// <summary>The Lambda API calls <c>deploy-function</c> makes, over <see cref="FulmenClient"/>.</summary>
internal sealed class LambdaFunctions(FulmenClient client)
{
    private const string Functions = "2015-03-31/functions";

    /// <summary>GetFunctionConfiguration, or null when there is no such function.</summary>
    public async Task<JsonElement?> GetConfigurationAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Functions}/{Uri.EscapeDataString(name)}/configuration"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound
            && response.Headers.TryGetValues("x-amzn-ErrorType", out var types) && types.First().StartsWith("ResourceNotFoundException", StringComparison.Ordinal))
        {
            return null;
        }
        return await ReadAsync(response, cancellationToken);
    }

    public Task<JsonElement> CreateAsync(JsonObject request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Functions, request, cancellationToken);

    public Task<JsonElement> UpdateCodeAsync(string name, byte[] zip, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Functions}/{Uri.EscapeDataString(name)}/code", new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) }, cancellationToken);

    public Task<JsonElement> UpdateConfigurationAsync(string name, JsonObject changes, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Functions}/{Uri.EscapeDataString(name)}/configuration", changes, cancellationToken);

    /// <summary>
    /// Returns once the function is <c>Active</c> and its last update (if any) <c>Successful</c>, as AWS requires
    /// before the next update; <paramref name="configuration"/> is what the previous call answered.
    /// </summary>
    public async Task<JsonElement> WaitUntilReadyAsync(string name, JsonElement configuration, CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(5));
        var polls = 0;
        while (true)
        {
            var state = Text(configuration, "State");
            var update = Text(configuration, "LastUpdateStatus");
            if (state == "Failed" || update == "Failed")
            {
                var reason = Text(configuration, "LastUpdateStatusReason") ?? Text(configuration, "StateReason") ?? "no reason given";
                throw new CliException($"function {name} failed to {(state == "Failed" ? "become active" : "update")}: {reason}");
            }
            if (state is null or "Active" && (update is null or "Successful"))
            {
                return configuration;
            }
            // The first look after a change is expected to find it in progress; say so only if it lasts.
            if (polls++ == 1)
            {
                Console.WriteLine($"Waiting for {name} (State {state ?? "-"}, LastUpdateStatus {update ?? "-"})");
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), guard.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"function {name} did not become ready within 5 minutes (State {state}, LastUpdateStatus {update}).");
            }
            configuration = await GetConfigurationAsync(name, cancellationToken)
                ?? throw new CliException($"function {name} was deleted while deploying it.");
        }
    }

    public static string? Text(JsonElement configuration, string property) =>
        configuration.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body.ToJsonString()) { Headers = { ContentType = FulmenClient.Json } },
        };
        using var response = await client.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await FulmenClient.EnsureSuccessAsync(response, cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
