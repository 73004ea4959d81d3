using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary>One entry of a leaf's array of matchers, tested against one leaf value of the event (a string, number,
/// true, false or null; arrays are unrolled and objects skipped by the caller).</summary>
internal abstract class ValueMatcher
{
    public abstract bool Matches(in JsonElement value);
}
