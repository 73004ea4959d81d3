namespace Fulmen.Pipes.Model;

/// <summary>
/// AWS's pipe states. Create, Start, Stop, Update and Delete land in a transitional state (CREATING, STARTING,
/// STOPPING, UPDATING, DELETING) that the supervisor settles, as AWS applies them asynchronously.
/// </summary>
public static class PipeStates
{
    public const string Running = "RUNNING";
    public const string Stopped = "STOPPED";
    public const string Creating = "CREATING";
    public const string Updating = "UPDATING";
    public const string Deleting = "DELETING";
    public const string Starting = "STARTING";
    public const string Stopping = "STOPPING";
    public const string Deleted = "DELETED";

    /// <summary>Every CurrentState AWS's model names (the *_FAILED ones are never entered here).</summary>
    public static readonly string[] All =
        [Running, Stopped, Creating, Updating, Deleting, Starting, Stopping, "CREATE_FAILED", "UPDATE_FAILED", "START_FAILED", "STOP_FAILED"];

    public static bool IsTransitional(string state) => state is Creating or Updating or Deleting or Starting or Stopping;

    /// <summary>The state a transitional one settles into (null for DELETING: the pipe goes).</summary>
    public static string? Settled(PipeRecord pipe) => pipe.CurrentState switch
    {
        Deleting => null,
        Creating or Updating or Starting or Stopping => pipe.DesiredState == Running ? Running : Stopped,
        _ => pipe.CurrentState,
    };
}
