using Fulmen.Buckets.Api;

namespace Fulmen.Buckets.Notifications.Configuration;

/// <summary>
/// S3 refuses a configuration in which one change could match two rules: rules that share an event type (a wildcard
/// shares all of its family) and whose prefixes and suffixes overlap (one starts or ends the other, or is absent).
/// </summary>
internal static class OverlapCheck
{
    public static void Check(IReadOnlyList<NotificationRule> rules)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                var (a, b) = (rules[i], rules[j]);
                var shared = a.Events.SelectMany(x => b.Events.Where(y => EventTypes.Overlap(x, y)).Select(y => (x, y))).FirstOrDefault();
                if (shared == default || !Overlaps(a.Prefix, b.Prefix, prefix: true) || !Overlaps(a.Suffix, b.Suffix, prefix: false))
                {
                    continue;
                }
                if (a.Prefix is null && a.Suffix is null && b.Prefix is null && b.Suffix is null)
                {
                    throw S3Errors.InvalidArgument("Configurations overlap. Configurations on the same bucket cannot share a common event type.",
                        "Event", $"{shared.x}, {shared.y}");
                }
                throw S3Errors.InvalidArgument(
                    "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.",
                    "Event", $"{shared.x}, {shared.y}");
            }
        }
    }

    private static bool Overlaps(string? a, string? b, bool prefix) =>
        a is null || b is null || (prefix
            ? a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)
            : a.EndsWith(b, StringComparison.Ordinal) || b.EndsWith(a, StringComparison.Ordinal));
}
