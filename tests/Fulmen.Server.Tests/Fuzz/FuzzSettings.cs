using System.Globalization;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// The run's seed and length. <c>FULMEN_FUZZ_SEED</c> replays a run; <c>FULMEN_FUZZ_SECONDS</c> (default 75) runs longer;
/// <c>FULMEN_FUZZ_CASES</c> stops after that many cases instead (replaying up to a failing case exactly).
/// </summary>
internal sealed record FuzzSettings(int Seed, TimeSpan Duration, int? Cases)
{
    public static FuzzSettings FromEnvironment() => new(
        Number("FULMEN_FUZZ_SEED") ?? Random.Shared.Next(),
        TimeSpan.FromSeconds(Number("FULMEN_FUZZ_SECONDS") ?? 75),
        Number("FULMEN_FUZZ_CASES"));

    /// <summary>Case <paramref name="index"/>'s own generator: the same seed gives the same case, whatever ran before it.</summary>
    public Random CaseRandom(int index) => new(unchecked((Seed * 1_000_003) + index));

    public bool Continues(int index, TimeSpan elapsed) => Cases is { } cases ? index < cases : elapsed < Duration;

    public string Replay(int index) =>
        $"replay with FULMEN_FUZZ_SEED={Seed} FULMEN_FUZZ_CASES={index + 1} dotnet test tests/Fulmen.Server.Tests -c Release --filter Category=Fuzz";

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
