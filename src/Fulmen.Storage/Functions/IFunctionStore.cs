namespace Fulmen.Storage.Functions;

/// <summary>Functions by name. Implementations are safe for concurrent use.</summary>
public interface IFunctionStore
{
    Task<FunctionRecord?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>All functions ordered by name.</summary>
    Task<IReadOnlyList<FunctionRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a new function; false when one with that name exists already.</summary>
    Task<bool> TryCreateAsync(FunctionRecord function, CancellationToken cancellationToken = default);

    /// <summary>Replaces an existing function; false when it does not exist.</summary>
    Task<bool> UpdateAsync(FunctionRecord function, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
