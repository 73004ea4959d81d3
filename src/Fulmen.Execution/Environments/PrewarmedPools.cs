using Fulmen.Execution.Runtimes;

namespace Fulmen.Execution.Environments;

/// <summary>
/// One pool of pre-started runtimes per runtime kind: .NET (dotnet8, dotnet10), Node.js (every nodejsNN.x: they
/// all run on the one installed node) and Python (every python3.NN, on the one python3). A pool of size 0 starts nothing.
/// </summary>
public sealed class PrewarmedPools : IAsyncDisposable
{
    private readonly PrewarmedHosts _dotnet;
    private readonly PrewarmedHosts _node;
    private readonly PrewarmedHosts _python;

    internal PrewarmedPools(EnvironmentServices services)
    {
        var options = services.Options;
        _dotnet = new PrewarmedHosts(services, RuntimeKind.Dotnet, "dotnet10", options.PrewarmedDotnetHosts);
        _node = new PrewarmedHosts(services, RuntimeKind.NodeJs, "nodejs22.x", options.PrewarmedNodeHosts);
        _python = new PrewarmedHosts(services, RuntimeKind.Python, "python3.12", options.PrewarmedPythonHosts);
    }

    /// <summary>Every pool, whatever its size (for the server's metrics).</summary>
    public IReadOnlyList<PrewarmedHosts> All => [_dotnet, _node, _python];

    /// <summary>Starts every pool's hosts; called once at server start.</summary>
    public void Fill()
    {
        _dotnet.Fill();
        _node.Fill();
        _python.Fill();
    }

    /// <summary>
    /// The pool that may serve a cold start of <paramref name="spec"/>, or null: the runtime has no pool, or the function
    /// sets a variable that its runtime reads only as it starts (so only a process started for it would honour it).
    /// </summary>
    public PrewarmedHosts? For(EnvironmentSpec spec)
    {
        var pool = RuntimeCatalog.KindOf(spec.Runtime) switch
        {
            RuntimeKind.Dotnet => _dotnet,
            RuntimeKind.NodeJs => _node,
            RuntimeKind.Python => _python,
            _ => null,
        };
        return pool is { Size: > 0 } && !StartupVariables.AnySet(pool.Kind, spec.Variables) ? pool : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _dotnet.DisposeAsync();
        await _node.DisposeAsync();
        await _python.DisposeAsync();
    }
}
