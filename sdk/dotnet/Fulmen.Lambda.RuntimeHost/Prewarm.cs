using System.Runtime.InteropServices;
using System.Text.Json;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.RuntimeSupport;
using Fulmen.Lambda.Serialization.SystemTextJson;

namespace Fulmen.Lambda.RuntimeHost;

/// <summary>
/// A pre-started host: it warms up the runtime before any function exists, then takes on the environment of
/// the function it is given (variables, working directory, log stream), so a cold start pays only for the
/// function's own assembly and init.
/// </summary>
internal static partial class Prewarm
{
    /// <summary>
    /// Runs, once, the paths every function needs: a typed handler through the default serializer, an async
    /// one, an error report, and a POST to the Runtime API (answered 404), so that the function's first invoke
    /// finds them compiled.
    /// </summary>
    public static async Task WarmUpAsync(RuntimeApiClient api)
    {
        var invocation = new NextInvocation("warm-up", 0, "", null, null, null, "{\"name\":\"warm\",\"count\":1}"u8.ToArray());
        var context = new LambdaContext(FunctionFacts.FromEnvironment(), invocation, new ContextLogger(new LogSink(null)));
        foreach (var name in new[] { nameof(WarmUpFunction.Handle), nameof(WarmUpFunction.HandleAsync) })
        {
            var handler = HandlerMethod.Create(new HandlerString("warm-up", typeof(WarmUpFunction).FullName!, name), typeof(WarmUpFunction).Assembly);
            using var input = new MemoryStream(invocation.Payload, writable: false);
            using var output = new MemoryStream();
            await handler.InvokeAsync(input, context, output);
        }
        _ = ErrorJson.Write(new InvalidOperationException("warm-up"));
        await api.WarmUpPostAsync();
    }

    /// <summary>Applies the assignment <c>{"variables":{…},"workingDirectory":"…","logFile":"…"}</c>.</summary>
    public static void Apply(byte[] assignment)
    {
        using var document = JsonDocument.Parse(assignment);
        var root = document.RootElement;
        foreach (var variable in root.GetProperty("variables").EnumerateObject())
        {
            Environment.SetEnvironmentVariable(variable.Name, variable.Value.GetString());
        }
        Directory.SetCurrentDirectory(root.GetProperty("workingDirectory").GetString()!);
        // The log stream becomes stdout and stderr, as for a host started for the function.
        using var log = File.Open(root.GetProperty("logFile").GetString()!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var descriptor = (int)log.SafeFileHandle.DangerousGetHandle();
        if (Dup2(descriptor, 1) < 0 || Dup2(descriptor, 2) < 0)
        {
            throw new IOException($"Could not redirect output to the log stream (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Stands in for a function during warm-up.</summary>
    internal sealed class WarmUpFunction
    {
        public sealed record Request(string Name, int Count);

        public sealed record Reply(string Name, int Count, string RequestId);

        [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
        public static Reply Handle(Request request, ILambdaContext context) => new(request.Name, request.Count + 1, context.AwsRequestId);

        [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
        public async Task<Reply> HandleAsync(Request request, ILambdaContext context)
        {
            await Task.Yield();
            return new Reply(request.Name, request.Count, context.AwsRequestId);
        }
    }

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int descriptor, int target);
}
