using Fulmen.Protocols.Arns;

namespace Fulmen.Functions.EventSources;

/// <summary>The source kinds the server's services registered, by the service named in an EventSourceArn.</summary>
public sealed class EventSourceRegistry(IEnumerable<EventSourceKind> kinds)
{
    private readonly Dictionary<string, EventSourceKind> _kinds = kinds.ToDictionary(kind => kind.Service, StringComparer.Ordinal);

    /// <summary>The kind for <paramref name="eventSourceArn"/>, or null when no service serves it here.</summary>
    public EventSourceKind? Find(string eventSourceArn) =>
        ServiceOf(eventSourceArn) is { } service ? _kinds.GetValueOrDefault(service) : null;

    /// <summary>The ARN's service segment (<c>arn:aws:sqs:…</c> → <c>sqs</c>), or null when it is not an ARN.</summary>
    public static string? ServiceOf(string eventSourceArn) => Arn.TryParse(eventSourceArn, out var arn) ? arn.Service : null;
}
