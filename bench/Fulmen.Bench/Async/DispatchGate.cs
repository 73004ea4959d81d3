using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Async;

/// <summary>
/// Keeps the async dispatcher's slots busy so that events only queue up: a function built from the no-op
/// runtime with <c>NOOP_GATE</c> set holds each invocation until the gate file exists. Holding every slot
/// this way stops dispatch without touching the measured function (a reserved concurrency of 0 would not:
/// the dispatcher still tries each new event, one at a time, and backs it off as throttled).
/// </summary>
internal sealed class DispatchGate
{
    private const string Name = "gate";
    private readonly string _file;

    private DispatchGate(string file) => _file = file;

    /// <summary>Creates the gate function and fills <paramref name="slots"/> dispatch slots with its held invocations.</summary>
    public static async Task<DispatchGate> CloseAsync(FulmenApi api, QueueProbe probe, RuntimeCase function, string file, int slots)
    {
        File.Delete(file);
        await api.CreateFunctionAsync(Name, function.AwsRuntime, function.Handler, function.Zip(),
            new Dictionary<string, string> { ["NOOP_GATE"] = file }, timeoutSeconds: 900);
        using var events = new EventClient(api.InvokeUri(Name), "{}"u8.ToArray());
        for (var i = 0; i < slots; i++)
        {
            if (!await events.EnqueueAsync())
            {
                throw new InvalidOperationException($"Could not queue a gate event: {events.LastError}");
            }
        }
        var gate = new DispatchGate(file);
        var waited = Stopwatch.StartNew();
        while ((await probe.ReadAsync(Name)).InFlight < slots)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The dispatcher did not start {slots} gate invocations within 30 s.");
            }
            await Task.Delay(20);
        }
        PhaseMeter.Log($"  {slots} dispatch slots held by gate invocations");
        return gate;
    }

    /// <summary>Lets the held invocations finish (within the runtime's 20 ms poll), which frees the slots.</summary>
    public void Open() => File.WriteAllText(_file, "");
}
