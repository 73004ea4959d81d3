using Fulmen.Functions.Arns;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;

namespace Fulmen.Functions.Async.Destinations;

/// <summary>A Fulmen function as a destination: the record becomes that function's asynchronous event.</summary>
public sealed class LambdaDestination(Invoker invoker, FunctionCatalog catalog) : IDestination
{
    public bool Handles(string arn) => arn.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) && arn.Contains(":function:", StringComparison.Ordinal);

    public async ValueTask<bool> ExistsAsync(string arn, CancellationToken cancellationToken)
    {
        if (!FunctionReference.TryParse(arn, out var reference)
            || reference.Region != catalog.Options.Region || reference.Account != catalog.Options.AccountId)
        {
            return false;
        }
        // A version or an alias of a function is a destination too, while it exists.
        return await catalog.FindAsync(reference.Name, cancellationToken) is { } entry && entry.Find(reference.Qualifier) is not null;
    }

    public async Task SendAsync(string arn, DestinationRecord record, CancellationToken cancellationToken)
    {
        var (_, error) = await invoker.EnqueueAsync(new InvokeRequest(arn, record.ToJson()), cancellationToken);
        if (error is not null)
        {
            throw new DestinationException($"Could not deliver to {arn}: {error.Type}: {error.Message}");
        }
    }
}

/// <summary>A destination refused or could not take a record; the event is then dropped and counted.</summary>
public sealed class DestinationException(string message) : Exception(message);
