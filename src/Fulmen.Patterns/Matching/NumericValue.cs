using System.Globalization;
using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary>Numbers as event-ruler compares them: decimals between -5,000,000,000 and 5,000,000,000 inclusive, with
/// at most six digits after the point. Events with numbers outside the range never match numerically.</summary>
internal static class NumericValue
{
    public const decimal Limit = 5_000_000_000m;

    public static bool TryRead(in JsonElement value, out decimal number) =>
        value.TryGetDecimal(out number) && number is >= -Limit and <= Limit;

    /// <summary>Parses a pattern's number; null with the reason when AWS would refuse it.</summary>
    public static string? TryParsePattern(string text, out decimal number)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            || number is < -Limit or > Limit)
        {
            // A double the decimal type cannot hold is far outside the range anyway.
            return "Value must be between -5000000000 and 5000000000, inclusive";
        }
        if (decimal.Round(number, 6) != number)
        {
            return "Only values upto 6 decimals are supported";
        }
        return null;
    }
}
