using System.Text.Json;

namespace Fulmen.Patterns.Matching;

/// <summary><c>{"wildcard": "a*b"}</c>: <c>*</c> stands for any run of characters (<c>\*</c> and <c>\\</c> are
/// literal). The literal pieces between stars are matched greedily left to right, which is exact for a pattern
/// whose only metacharacter is <c>*</c> and needs no backtracking.</summary>
internal sealed class WildcardMatcher : ValueMatcher
{
    private readonly byte[][] _pieces;
    private readonly bool _leadingStar;
    private readonly bool _trailingStar;

    public WildcardMatcher(byte[][] pieces, bool leadingStar, bool trailingStar)
    {
        _pieces = pieces;
        _leadingStar = leadingStar;
        _trailingStar = trailingStar;
    }

    public override bool Matches(in JsonElement value) =>
        value.ValueKind == JsonValueKind.String && MatchesText(EventText.Utf8(value));

    public bool MatchesText(ReadOnlySpan<byte> text)
    {
        if (_pieces.Length == 1 && !_leadingStar && !_trailingStar)
        {
            return text.SequenceEqual(_pieces[0]);
        }
        var first = 0;
        var last = _pieces.Length;
        if (!_leadingStar)
        {
            if (!text.StartsWith(_pieces[0]))
            {
                return false;
            }
            text = text[_pieces[0].Length..];
            first = 1;
        }
        if (!_trailingStar)
        {
            var tail = _pieces[^1];
            if (last <= first || text.Length < tail.Length || !text.EndsWith(tail))
            {
                return false;
            }
            text = text[..^tail.Length];
            last--;
        }
        for (var i = first; i < last; i++)
        {
            var at = text.IndexOf(_pieces[i]);
            if (at < 0)
            {
                return false;
            }
            text = text[(at + _pieces[i].Length)..];
        }
        return true;
    }
}
