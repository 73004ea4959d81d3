namespace Fulmen.Storage.Schema;

/// <summary>One numbered step of a database's schema; a backend applies, in order, every step newer than its database.</summary>
public sealed record Migration(int Version, string Description, string Sql);

/// <summary>The database was written by a newer Fulmen: starting on it could corrupt what that version stored.</summary>
public sealed class SchemaTooNewException(string database, int found, int known) : Exception(
    $"The database {database} has schema version {found}, but this Fulmen knows versions up to {known}. Run a Fulmen at least as new as the one that last used it.")
{
    public int Found { get; } = found;
    public int Known { get; } = known;
}
