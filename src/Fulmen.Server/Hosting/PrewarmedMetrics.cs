using System.Diagnostics.Metrics;
using Fulmen.Execution.Environments;
using Fulmen.Execution.Runtimes;
using Fulmen.Functions.Async;

namespace Fulmen.Server.Hosting;

/// <summary>
/// The pre-started runtime pools on the <see cref="AsyncMetrics.MeterName"/> meter, one series per runtime kind
/// (<c>runtime</c> = dotnet, nodejs or python): hosts waiting now, and cold starts they served. Read at scrape time only.
/// </summary>
public sealed class PrewarmedMetrics
{
    public PrewarmedMetrics(IMeterFactory meters, EnvironmentServices environments)
    {
        var meter = meters.Create(AsyncMetrics.MeterName);
        var pools = environments.Prewarmed.All;
        meter.CreateObservableGauge("fulmen.prewarmed.waiting",
            () => pools.Select(p => new Measurement<int>(p.Waiting, new KeyValuePair<string, object?>("runtime", Name(p.Kind)))),
            "{host}", "Pre-started runtimes waiting for a cold start.");
        meter.CreateObservableCounter("fulmen.prewarmed.taken",
            () => pools.Select(p => new Measurement<long>(p.Taken, new KeyValuePair<string, object?>("runtime", Name(p.Kind)))),
            "{host}", "Cold starts served by a pre-started runtime.");
    }

    private static string Name(RuntimeKind kind) => kind switch
    {
        RuntimeKind.Dotnet => "dotnet",
        RuntimeKind.NodeJs => "nodejs",
        RuntimeKind.Python => "python",
        _ => kind.ToString(),
    };
}
