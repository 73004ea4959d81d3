using System.Globalization;

namespace Fulmen.Buckets.Model;

/// <summary>
/// A key's sequencer, as S3 gives one in event records: a hex string that grows with every change of the key. It is the
/// later of the previous value plus one and the current time in ticks, so it keeps growing across a delete (whose
/// document may go) and a restart.
/// </summary>
public static class Sequencers
{
    public static string Next(string? previous, DateTimeOffset now)
    {
        var last = previous is { Length: > 0 } && long.TryParse(previous, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return Math.Max(last + 1, now.UtcTicks).ToString("X16", CultureInfo.InvariantCulture);
    }
}
