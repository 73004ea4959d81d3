using System.Text.Json;
using Fulmen.Patterns;

namespace Fulmen.Events.Model;

/// <summary>
/// One bus's rules as PutEvents matches them: its enabled rules with a pattern and targets in one
/// <see cref="PatternSet{TId}"/>, so an event runs only the patterns whose required values it carries rather than every
/// rule's. Built once per change of the bus's rules (<see cref="EventCatalog"/>), then shared by every PutEvents.
/// </summary>
public sealed class BusRules
{
    private readonly PatternSet<int> _patterns = new();
    private readonly RuleEntry[] _deliverable;

    public BusRules(long version, IReadOnlyList<RuleEntry> rules)
    {
        Version = version;
        Rules = rules;
        _deliverable = [.. rules.Where(r => r.Record.IsEnabled && r.Pattern is not null && r.Targets.Count > 0)];
        for (var i = 0; i < _deliverable.Length; i++)
        {
            _patterns.Add(i, _deliverable[i].Pattern!);
        }
    }

    /// <summary>The catalog's rule version this was built from.</summary>
    public long Version { get; }

    /// <summary>Every rule of the bus, by name.</summary>
    public IReadOnlyList<RuleEntry> Rules { get; }

    /// <summary>The enabled rules with targets whose pattern <paramref name="envelope"/> matches, by name.</summary>
    public IReadOnlyList<RuleEntry> Matching(JsonElement envelope)
    {
        if (_deliverable.Length == 0)
        {
            return [];
        }
        var ids = new List<int>(2);
        _patterns.MatchInto(envelope, ids);
        if (ids.Count == 0)
        {
            return [];
        }
        var matched = new RuleEntry[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            matched[i] = _deliverable[ids[i]];
        }
        return matched;
    }
}
