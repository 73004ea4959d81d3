namespace Fulmen.Storage;

/// <summary>
/// The database cannot be reached (or stopped answering). Nothing was written by the call that failed; the API
/// layer answers with a retryable service error and background work tries again later.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What an API answers with it (as a 503 in its protocol's error shape).</summary>
    public string ForClients => $"Fulmen's store is unavailable; try again. ({Message})";
}
