namespace Fulmen.Execution.RuntimeApi;

/// <summary>
/// A Runtime API target behind which a pre-started runtime waits (<c>GET /2018-06-01/fulmen/assignment</c>)
/// to be told which function to load.
/// </summary>
public interface IAssignmentSource
{
    /// <summary>Completes with the assignment (JSON) once an environment takes the runtime.</summary>
    ValueTask<ReadOnlyMemory<byte>> AssignmentAsync(CancellationToken cancellationToken);
}
