namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>One server for a whole test class (<c>IClassFixture&lt;ServerFixture&gt;</c>), with the CLI and HTTP clients for it.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private FulmenServer? _server;
    private LambdaCli? _lambda;
    private LambdaHttp? _http;

    public FulmenServer Server => _server ?? throw new InvalidOperationException("The server is not started.");
    public LambdaCli Lambda => _lambda ?? throw new InvalidOperationException("The server is not started.");
    public LambdaHttp Http => _http ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        _server = await FulmenServer.StartAsync();
        _lambda = new LambdaCli(_server);
        _http = new LambdaHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
