namespace Fulmen.Functions.EventSources.Mappings;

/// <summary>
/// AWS's mapping states. A change the user asks for lands in a transitional state (<c>Creating</c>, <c>Enabling</c>,
/// <c>Disabling</c>, <c>Updating</c>, <c>Deleting</c>) and the supervisor settles it, as AWS applies changes
/// asynchronously.
/// </summary>
public static class MappingStates
{
    public const string Creating = "Creating";
    public const string Enabling = "Enabling";
    public const string Enabled = "Enabled";
    public const string Disabling = "Disabling";
    public const string Disabled = "Disabled";
    public const string Updating = "Updating";
    public const string Deleting = "Deleting";

    /// <summary>SQS mappings say <c>USER_INITIATED</c> where stream mappings say <c>User action</c>.</summary>
    public const string UserInitiated = "USER_INITIATED";

    public const string NoRecordsProcessed = "No records processed";
    public const string Ok = "OK";
    public const string FunctionCallFailed = "PROBLEM: Function call failed";

    /// <summary>The state a transitional state settles into; null for <c>Deleting</c> (the mapping goes) .</summary>
    public static string? Settled(EventSourceMappingRecord record) => record.State switch
    {
        Deleting => null,
        Creating or Updating or Enabling or Disabling => record.Enabled ? Enabled : Disabled,
        _ => record.State,
    };

    public static bool IsTransitional(string state) => state is Creating or Enabling or Disabling or Updating or Deleting;
}
