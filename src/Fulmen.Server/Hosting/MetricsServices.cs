using Fulmen.Events.Delivery;
using Fulmen.Functions.Async;
using Fulmen.Functions.EventSources.Metrics;
using Fulmen.Schedules.Firing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Fulmen.Server.Hosting;

/// <summary>
/// <c>GET /metrics</c>: the <see cref="AsyncMetrics.MeterName"/> meter (the asynchronous queue, the event source
/// mappings, the schedule engine and the event buses' deliveries) in Prometheus text format, through the
/// OpenTelemetry SDK and its Prometheus exporter. Nothing else is exported, and nothing is pushed anywhere.
/// </summary>
internal static class MetricsServices
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddFulmenMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fulmen"))
            .WithMetrics(metrics => metrics
                .AddMeter(AsyncMetrics.MeterName)
                // Created with the meter provider when the host starts, so the instruments exist before the first scrape.
                .AddInstrumentation<AsyncMetrics>()
                .AddInstrumentation<MappingMetrics>()
                .AddInstrumentation<ScheduleMetrics>()
                .AddInstrumentation<EventMetrics>()
                .AddInstrumentation<PrewarmedMetrics>()
                .AddPrometheusExporter(prometheus =>
                {
                    // A scrape reads a few counters under one lock: answering fresh costs little, while a cached
                    // answer (300 ms by default) misleads whoever looks right after an event finished.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    // One meter is exported, so an otel_scope_name label on every series would say nothing.
                    prometheus.ScopeInfoEnabled = false;
                }));
        return services;
    }

    public static void MapFulmenMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint(ScrapePath);
}
