namespace Fulmen.Schedules.Evaluation;

/// <summary>The years a cron expression allows, 1970–2199, as a bit set: one lookup per candidate occurrence.</summary>
internal sealed class YearSet
{
    public const int First = 1970;
    public const int Last = 2199;

    private readonly ulong[] _bits = new ulong[((Last - First) / 64) + 1];

    public void Add(int year) => _bits[(year - First) >> 6] |= 1UL << ((year - First) & 63);

    public bool Contains(int year) =>
        year is >= First and <= Last && (_bits[(year - First) >> 6] & (1UL << ((year - First) & 63))) != 0;

    /// <summary>The first allowed year after <paramref name="year"/>, or 0 when none is left.</summary>
    public int NextAfter(int year)
    {
        for (var y = Math.Max(year + 1, First); y <= Last; y++)
        {
            if (Contains(y))
            {
                return y;
            }
        }

        return 0;
    }
}
