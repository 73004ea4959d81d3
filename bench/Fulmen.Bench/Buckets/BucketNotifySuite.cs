using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Queues;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Buckets;

internal sealed record BucketNotifySettings(int Rate, TimeSpan Warmup, TimeSpan Duration)
{
    public static BucketNotifySettings Full => new(200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

    public static BucketNotifySettings Quick => new(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
}

internal sealed record BucketNotifyResult(string Uptime, int Rate, int Sent, int Handled, double P50Ms, double P90Ms, double P99Ms, double MaxMs, LatencyStats PutCall);

/// <summary>
/// PUT object → the function a bucket notification invokes, on one <c>fulmen serve</c>: PUTs of a small object at a
/// steady rate (open loop), each signed with an access key that carries CLOCK_REALTIME (<c>stamp:NS</c>), which the
/// event's <c>userIdentity.principalId</c> repeats unencoded (keys are form-encoded in the event); the stamping no-op
/// notes when the event arrives. Signatures are not verified by default, so the key needs no secret.
/// </summary>
internal sealed class BucketNotifySuite(BucketNotifySettings settings, string serverDirectory, string work, string bootstrap)
{
    private const string Bucket = "bench-notify";

    public async Task<BucketNotifyResult> RunAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(work, "s3-notify-server")).FullName;
        var data = Path.Combine(home, ".fulmen");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
        var stamps = new StampFile(Path.Combine(Directory.CreateDirectory(Path.Combine(work, "s3-notify-stamps")).FullName, $"{Guid.NewGuid():N}.log"));
        PhaseMeter.Log("s3-notify: starting fulmen serve");
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(work, "s3-notify-server.log"));
        using var http = LoadHttpClient.Create();
        using var api = new FulmenApi(server.BaseUri);
        await api.CreateFunctionAsync("bench-notify", "provided.al2023", "noop", FulmenApi.Zip([("bootstrap", bootstrap, true)]),
            new Dictionary<string, string> { ["NOOP_STAMP"] = stamps.Path });
        await api.AddPermissionAsync("bench-notify", "s3", "s3.amazonaws.com", $"arn:aws:s3:::{Bucket}");
        await SendAsync(http, server.BaseUri, HttpMethod.Put, $"/{Bucket}", "", "setup");
        await SendAsync(http, server.BaseUri, HttpMethod.Put, $"/{Bucket}?notification", $"""
            <NotificationConfiguration><CloudFunctionConfiguration><Id>bench</Id>
            <CloudFunction>arn:aws:lambda:us-east-1:000000000000:function:bench-notify</CloudFunction>
            <Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration></NotificationConfiguration>
            """, "setup");
        // The first notification starts the function's environment: wait for it before any clock runs.
        await PutStampedAsync(http, server.BaseUri);
        var guard = Stopwatch.StartNew();
        while (stamps.Refresh() < 1)
        {
            if (guard.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The notified function ran for nothing within 60 s; see the server log.");
            }
            await Task.Delay(50);
        }

        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"s3-notify: PUT → handler start at {settings.Rate}/s; uptime: {uptime}");
        await OpenLoop.PaceAsync(settings.Rate, settings.Warmup, () => PutStampedAsync(http, server.BaseUri), null);
        var from = StampFile.NowNs();
        var ticks = new List<long>();
        var (sent, elapsed) = await OpenLoop.PaceAsync(settings.Rate, settings.Duration, () => PutStampedAsync(http, server.BaseUri), ticks);
        var to = StampFile.NowNs();
        var latencies = await stamps.WaitForLatenciesAsync(from, to, sent);
        double At(double q) => OpenLoop.Quantile(latencies, q);
        var result = new BucketNotifyResult(uptime, settings.Rate, sent, latencies.Count, At(0.5), At(0.9), At(0.99), latencies.Count == 0 ? 0 : latencies[^1],
            LatencyStats.From(ticks, (long)(elapsed * Stopwatch.Frequency), 0));
        PhaseMeter.Log(FormattableString.Invariant(
            $"  {sent} sent, {result.Handled} handled: p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, max {result.MaxMs:0.0} ms"));
        return result;
    }

    private static Task PutStampedAsync(HttpClient http, Uri endpoint) =>
        SendAsync(http, endpoint, HttpMethod.Put, $"/{Bucket}/object.txt", "a small object", StampFile.Body(StampFile.NowNs()));

    private static async Task SendAsync(HttpClient http, Uri endpoint, HttpMethod method, string path, string body, string accessKey)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path)) { Content = new StringContent(body, Encoding.UTF8) };
        var date = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{date}/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
