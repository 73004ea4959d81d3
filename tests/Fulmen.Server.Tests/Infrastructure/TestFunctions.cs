namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>A function's runtime, handler and source files.</summary>
public sealed record TestFunction(string Runtime, string Handler, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Zips the files (<see cref="FunctionZips"/>) into <see cref="FilesDirectory"/> of the server; returns the path.</summary>
    public string Zip(FulmenServer server, string name) => FunctionZips.Create(FilesDirectory(server), name, Files);

    /// <summary>Where tests keep zips and other files: inside the server's data directory, removed with it.</summary>
    public static string FilesDirectory(FulmenServer server) =>
        Directory.CreateDirectory(Path.Combine(server.DataDirectory, "test-files")).FullName;
}

/// <summary>
/// Small functions for the end-to-end tests, in Node.js, Python and shell (provided.al2023).
/// Every one derives its answer from the event, so a test that compares it to its input can fail.
/// </summary>
public static class TestFunctions
{
    public const string Role = "arn:aws:iam::000000000000:role/fulmen-test";

    /// <summary>Async handler: logs <c>node saw NAME</c>, answers <c>{"echo": event, "shout": NAME upper-cased}</c>.</summary>
    public static TestFunction NodeEcho { get; } = Node("""
        exports.handler = async (event) => {
          console.log(`node saw ${event.name}`);
          return { echo: event, shout: String(event.name).toUpperCase() };
        };
        """);

    /// <summary>Prints <c>python saw NAME</c>, answers <c>{"echo": event, "shout": NAME upper-cased}</c>.</summary>
    public static TestFunction PythonEcho { get; } = Python("""
        def handler(event, context):
            print(f"python saw {event['name']}")
            return {"echo": event, "shout": str(event["name"]).upper()}
        """);

    /// <summary><see cref="FunctionZips.EchoBootstrap"/>: logs <c>handling REQUEST-ID</c>, answers <c>{"echo": event}</c>.</summary>
    public static TestFunction ProvidedEcho { get; } = Provided(FunctionZips.EchoBootstrap);

    /// <summary>Second versions: <c>{"version": 2, "greeting": $GREETING, "echo": event}</c>.</summary>
    public static TestFunction NodeGreeter { get; } = Node("""
        exports.handler = async (event) => ({ version: 2, greeting: process.env.GREETING ?? '', echo: event });
        """);

    public static TestFunction PythonGreeter { get; } = Python("""
        import os

        def handler(event, context):
            return {"version": 2, "greeting": os.environ.get("GREETING", ""), "echo": event}
        """);

    public static TestFunction ProvidedGreeter { get; } = Provided(ShellBootstrap(
        response: """{\"version\":2,\"greeting\":\"${GREETING:-}\",\"echo\":$EVENT}"""));

    /// <summary>Handlers that throw with a message naming the event's <c>name</c>.</summary>
    public static TestFunction NodeThrows { get; } = Node("""
        exports.handler = async (event) => {
          throw new TypeError(`cannot handle ${event.name}`);
        };
        """);

    public static TestFunction PythonThrows { get; } = Python("""
        def handler(event, context):
            raise ValueError(f"cannot handle {event['name']}")
        """);

    /// <summary>Echoes each event after sleeping <paramref name="seconds"/> (a shell <c>sleep</c> argument).</summary>
    public static TestFunction ProvidedSleeper(string seconds) => Provided(ShellBootstrap(
        response: """{\"echo\":$EVENT}""", beforeResponse: $"sleep {seconds}"));

    /// <summary>A bootstrap that logs a line and exits with <paramref name="status"/> before asking for work.</summary>
    public static TestFunction ProvidedExitingDuringInit(int status) => Provided($"""
        #!/bin/sh
        echo "giving up during init"
        exit {status}
        """);

    /// <summary>
    /// A provided-runtime bootstrap in shell: <see cref="FunctionZips.EchoBootstrap"/>'s loop, where for each
    /// event (<c>$EVENT</c>, request id <c>$ID</c>) it runs <paramref name="beforeResponse"/>, then posts
    /// <paramref name="response"/> (the inside of a double-quoted shell string) instead of the echo.
    /// </summary>
    public static string ShellBootstrap(string response, string beforeResponse = ":")
    {
        const string Post = "  curl -sS -X POST \"$API/invocation/$ID/response\" -d ";
        const string Echo = "\"{\\\"echo\\\":$EVENT}\"";
        var echo = FunctionZips.EchoBootstrap;
        if (!echo.Contains(Post + Echo, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"FunctionZips.EchoBootstrap no longer posts its answer with `{Post}{Echo}`:\n{echo}");
        }
        return echo.Replace(Post + Echo, $"  {beforeResponse}\n{Post}\"{response}\"", StringComparison.Ordinal);
    }

    public static TestFunction Node(string source) =>
        new("nodejs20.x", "index.handler", new Dictionary<string, string> { ["index.js"] = source });

    public static TestFunction Python(string source) =>
        new("python3.12", "app.handler", new Dictionary<string, string> { ["app.py"] = source });

    public static TestFunction Provided(string bootstrap) =>
        new("provided.al2023", "bootstrap.handler", new Dictionary<string, string> { ["bootstrap"] = bootstrap });
}
