namespace Fulmen.Lambda.Events.Tests;

/// <summary>
/// A family's example events and the model each must round-trip through. Every subclass is found by
/// <see cref="EventCoverageTests"/>, which checks that every example event has a model.
/// </summary>
public abstract class EventCases
{
    /// <summary>Example file name (under <c>Events/</c>) and the model type it deserializes into.</summary>
    public abstract IEnumerable<(string Fixture, Type Model)> Cases { get; }

    /// <summary>The cases of <typeparamref name="T"/> as xunit theory data.</summary>
    public static TheoryData<string, Type> Of<T>() where T : EventCases, new()
    {
        var data = new TheoryData<string, Type>();
        foreach (var (fixture, model) in new T().Cases)
        {
            data.Add(fixture, model);
        }
        return data;
    }
}
