using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Protocols.Arns;

namespace Fulmen.Events.Scheduling;

/// <summary>The event a scheduled rule sends at each tick, as AWS shapes it (reference/event-shapes.md, section 14).</summary>
public static class ScheduledEvent
{
    public const string DetailType = "Scheduled Event";
    public const string Source = "aws.events";

    /// <summary>
    /// The envelope for the tick due at <paramref name="scheduledTime"/>. Its id is derived from the rule, the
    /// schedule's version and the tick, so a tick fired again after a crash carries the same id (a FIFO queue target
    /// drops the copy, and a function can tell it).
    /// </summary>
    public static string Envelope(AwsAccount account, string ruleArn, string version, DateTimeOffset scheduledTime)
    {
        ArgumentNullException.ThrowIfNull(account);
        var time = scheduledTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = Id($"{ruleArn}\n{version}\n{time}"),
            ["detail-type"] = DetailType,
            ["source"] = Source,
            ["account"] = account.AccountId,
            ["time"] = time,
            ["region"] = account.Region,
            ["resources"] = new JsonArray(ruleArn),
            ["detail"] = new JsonObject(),
        }.ToJsonString();
    }

    /// <summary>A UUID (version 8: name-based, custom hash) from SHA-256 of <paramref name="name"/>.</summary>
    private static string Id(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
