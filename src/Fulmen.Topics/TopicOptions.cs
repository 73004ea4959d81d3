namespace Fulmen.Topics;

/// <summary>Settings of the topics service.</summary>
public sealed class TopicOptions
{
    /// <summary>
    /// The server's own address, as subscribers reach it: the base of <c>SubscribeURL</c>, <c>UnsubscribeURL</c> and
    /// <c>SigningCertURL</c> in what topics deliver. Default <c>http://127.0.0.1:4566</c>.
    /// </summary>
    public string EndpointUrl { get; init; } = "http://127.0.0.1:4566";

    /// <summary>How often the delivery worker looks for retries that came due (new deliveries wake it at once). Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries in progress at once on this node. Default 128.</summary>
    public int MaxConcurrentDeliveries { get; init; } = 128;

    /// <summary>How long an http(s) endpoint may take to answer a delivery. Default 15 s, as SNS.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
