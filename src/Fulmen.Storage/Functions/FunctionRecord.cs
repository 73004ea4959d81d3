namespace Fulmen.Storage.Functions;

/// <summary>
/// A function: its $LATEST configuration, its published versions and aliases, and everything kept per qualifier. Stored as one JSON document so that new
/// configuration members need no schema migration.
/// </summary>
public sealed record FunctionRecord : FunctionSettings
{
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public required string RevisionId { get; init; }
    public DateTimeOffset LastModified { get; init; }
    public int? ReservedConcurrency { get; init; }
    /// <summary>The resource-based policy (AddPermission), in the order statements were added.</summary>
    public IReadOnlyList<PolicyStatementRecord> PolicyStatements { get; init; } = [];
    /// <summary>Asynchronous invocation settings by qualifier (<c>$LATEST</c>, later versions and aliases).</summary>
    public IReadOnlyDictionary<string, EventInvokeConfigRecord> EventInvokeConfigs { get; init; } = new Dictionary<string, EventInvokeConfigRecord>();
    /// <summary>Function URLs by qualifier: <c>""</c> for the unqualified function, else <c>$LATEST</c> or an alias.</summary>
    public IReadOnlyDictionary<string, FunctionUrlConfigRecord> FunctionUrlConfigs { get; init; } = new Dictionary<string, FunctionUrlConfigRecord>();
    /// <summary>Published versions in the order they were published (ascending numbers).</summary>
    public IReadOnlyList<FunctionVersionRecord> Versions { get; init; } = [];
    /// <summary>The highest version number ever published: AWS never reuses one, even after deleting it.</summary>
    public int LastVersion { get; init; }
    /// <summary>Aliases by name.</summary>
    public IReadOnlyDictionary<string, AliasRecord> Aliases { get; init; } = new Dictionary<string, AliasRecord>();
    /// <summary>Provisioned concurrency by qualifier (a version number or an alias; never <c>$LATEST</c>).</summary>
    public IReadOnlyDictionary<string, ProvisionedConcurrencyRecord> ProvisionedConcurrencyConfigs { get; init; } = new Dictionary<string, ProvisionedConcurrencyRecord>();
}
