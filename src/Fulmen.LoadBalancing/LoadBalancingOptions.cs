namespace Fulmen.LoadBalancing;

/// <summary>Where listeners open their ports.</summary>
public sealed class LoadBalancingOptions
{
    /// <summary>The server's bind host (<c>--host</c>, default <c>127.0.0.1</c>): a listener on port P serves <c>http://{BindHost}:P/</c>.</summary>
    public string BindHost { get; init; } = "127.0.0.1";
}
