using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>How a generated request is signed: as a client would, not at all, or with a broken Authorization header.</summary>
internal enum Signing
{
    Signed,
    Unsigned,
    /// <summary>Signed, then the header's text replaced by <see cref="FuzzRequest.Authorization"/>.</summary>
    Garbled,
}

/// <summary>
/// One generated request, described well enough to replay it by hand: where it goes, what it carries and which
/// mutation made it.
/// </summary>
internal sealed record FuzzRequest(string Label, string SigningName, string Method, string PathAndQuery, byte[] Body)
{
    /// <summary>Headers other than Host, Authorization and X-Amz-Date (those come from <see cref="Signing"/>).</summary>
    public List<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string? ContentType { get; init; }

    public Signing Signing { get; init; } = Signing.Signed;

    public string? Authorization { get; init; }

    /// <summary>Another port than the server's edge (an ALB listener).</summary>
    public int? Port { get; init; }

    /// <summary>A front reached by host name (<c>{id}.lambda-url…</c>), sent to 127.0.0.1 with this Host header.</summary>
    public string? Host { get; init; }

    /// <summary>Whether this went to a front (function URL, HTTP/REST API, ALB): their 5xx answers are the front's own pages.</summary>
    public bool Front { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder().Append(Label).Append('\n').Append(Method).Append(' ').Append(PathAndQuery);
        if (Port is { } port)
        {
            text.Append("  (port ").Append(port).Append(')');
        }
        if (Host is not null)
        {
            text.Append("\nHost: ").Append(Host);
        }
        text.Append("\nsigning: ").Append(Signing);
        if (ContentType is not null)
        {
            text.Append("\nContent-Type: ").Append(ContentType);
        }
        foreach (var (name, value) in Headers)
        {
            text.Append('\n').Append(name).Append(": ").Append(Shorten(value, 200));
        }
        return text.Append("\nbody (").Append(Body.Length).Append(" bytes): ").Append(Shorten(Encoding.UTF8.GetString(Body), 600)).ToString();
    }

    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : $"{text[..(max / 2)]}…[{text.Length - max} more]…{text[^(max / 2)..]}";
}
