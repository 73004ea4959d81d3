using Fulmen.Functions.Api;

namespace Fulmen.Functions.EventSources;

/// <summary>
/// A kind of source, by the service in its ARN (<c>sqs</c>): how to open one for polling and how to check that one
/// exists. A built-in service registers its kind (<c>services.AddSingleton(new EventSourceKind(…))</c>); a mapping
/// whose kind no service registered is kept but not polled.
/// </summary>
/// <param name="Service">The ARN's service segment, e.g. <c>sqs</c>.</param>
/// <param name="Open">Opens the source named by an ARN for one mapping's poller.</param>
/// <param name="Validate">
/// Create and Update ask it whether the source exists: null when it does, else the error to answer with (e.g. AWS's
/// <c>Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue…</c>).
/// </param>
public sealed record EventSourceKind(
    string Service,
    Func<string, IEventSource> Open,
    Func<string, CancellationToken, ValueTask<LambdaError?>>? Validate = null);
