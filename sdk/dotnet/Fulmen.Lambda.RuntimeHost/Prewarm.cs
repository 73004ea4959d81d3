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
    /// Runs, once, the paths every function needs, so that the function's first invoke finds them compiled: one
    /// warm-up invocation that Fulmen serves through the real <c>/next</c> and <c>/response</c>, handled by a typed
    /// handler through the default serializer and by an async one; an error report; and the take-over itself
    /// (variables, working directory, output) applied to the host's own settings.
    /// </summary>
    public static async Task WarmUpAsync(RuntimeApiClient api)
    {
        var invocation = api.Next();
        var context = new LambdaContext(FunctionFacts.FromEnvironment(), invocation, new ContextLogger(new LogSink(null)));
        using var output = new MemoryStream();
        foreach (var name in new[] { nameof(WarmUpFunction.Handle), nameof(WarmUpFunction.HandleAsync) })
        {
            var handler = HandlerMethod.Create(new HandlerString("warm-up", typeof(WarmUpFunction).FullName!, name), typeof(WarmUpFunction).Assembly);
            using var input = invocation.OpenPayload();
            output.SetLength(0);
            await handler.InvokeAsync(input, context, output);
        }
        _ = ErrorJson.Write(new InvalidOperationException("warm-up"));
        api.Respond(invocation.RequestId, output.GetBuffer().AsSpan(0, (int)output.Length));
        Apply(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["variables"] = new Dictionary<string, string> { ["FULMEN_WARMED_UP"] = "1" },
            ["workingDirectory"] = Directory.GetCurrentDirectory(),
            ["logFile"] = "/proc/self/fd/1",
        }, WarmUpJson.Default.DictionaryStringObject));
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
        // The log stream becomes stdout and stderr, as for a host started for the function. O_APPEND (which .NET's
        // FileMode.Append does not set): Fulmen appends START/END lines to the same file, and every write of the
        // function (or of a program it becomes, for executable assemblies) must land at the end, not at an old offset.
        var path = root.GetProperty("logFile").GetString()!;
        var descriptor = Open(path, OpenWriteOnly | OpenCreate | OpenAppend | OpenCloseOnExec, 420 /* 0644 */);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the log stream '{path}' (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Dup2(descriptor, 1) < 0 || Dup2(descriptor, 2) < 0)
            {
                throw new IOException($"Could not redirect output to the log stream (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // Linux's open(2) flags.
    private const int OpenWriteOnly = 0x1;
    private const int OpenCreate = 0x40;
    private const int OpenAppend = 0x400;
    private const int OpenCloseOnExec = 0x80000;

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

    [System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
    [System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
    internal sealed partial class WarmUpJson : System.Text.Json.Serialization.JsonSerializerContext;

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int descriptor, int target);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
