namespace Fulmen.Bench.ScriptCold;

/// <summary>How many cold starts per row: the full run, or <c>--quick</c>. <paramref name="PoolSize"/> hosts per runtime with the pool.</summary>
internal sealed record ScriptColdSettings(int Samples, int PoolSize)
{
    public static ScriptColdSettings Full { get; } = new(Samples: 20, PoolSize: 1);
    public static ScriptColdSettings Quick { get; } = new(Samples: 5, PoolSize: 1);
}

/// <summary>
/// A Node.js or Python function of the cold-start benchmark: its handler module (<see cref="Source"/>, the whole code),
/// and the program that times that module's own load in a fresh process of the runtime (<see cref="LoadTimer"/>).
/// Every handler answers <c>{}</c>.
/// </summary>
internal sealed record ScriptHandler(string Key, string Title, string Runtime, string Handler, string File, string Source)
{
    public const string Payload = """{"name":"bench"}""";
    public const string Expected = "{}";

    public bool IsNode => Runtime.StartsWith("nodejs", StringComparison.Ordinal);

    /// <summary>The bootstrap's file name, which tells its processes apart in <c>/proc</c>.</summary>
    public string Bootstrap => IsNode ? "bootstrap.js" : "bootstrap.py";

    /// <summary>
    /// The interpreter's arguments that load the handler module (in the code directory, the working directory) and print
    /// how long that took in ms, measured by the runtime itself: the module's own load and init, and nothing of the process.
    /// </summary>
    public string[] LoadTimer => IsNode
        ? ["-e", "const t = process.hrtime.bigint(); require(require('path').resolve('index.js')); console.log(Number(process.hrtime.bigint() - t) / 1e6);"]
        : ["-c", "import sys, time; sys.path.insert(0, '.'); t = time.perf_counter(); import app; print((time.perf_counter() - t) * 1000)"];

    public static IReadOnlyList<ScriptHandler> All { get; } =
    [
        new("node-noop", "Node.js no-op", "nodejs22.x", "index.handler", "index.js", "exports.handler = async () => ({});\n"),
        new("node-stdlib", "Node.js, requires crypto, zlib, stream, events", "nodejs22.x", "index.handler", "index.js", """
            const crypto = require('crypto');
            const zlib = require('zlib');
            const { Readable } = require('stream');
            const { EventEmitter } = require('events');
            const ready = [crypto.randomUUID, zlib.gzipSync, Readable, EventEmitter].every(Boolean);
            exports.handler = async () => (ready ? {} : { broken: true });

            """),
        new("python-noop", "Python no-op", "python3.12", "app.handler", "app.py", "def handler(event, context):\n    return {}\n"),
        new("python-stdlib", "Python, imports uuid, hashlib, datetime, base64, email.utils", "python3.12", "app.handler", "app.py", """
            import base64
            import datetime
            import email.utils
            import hashlib
            import uuid

            READY = all([base64.b64encode, datetime.datetime, email.utils.formatdate, hashlib.sha256, uuid.uuid4])

            def handler(event, context):
                return {} if READY else {"broken": True}

            """),
    ];
}
