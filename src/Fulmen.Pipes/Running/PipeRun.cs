using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Functions.EventSources.Polling;
using Fulmen.Functions.Invocation;
using Fulmen.Pipes.Model;

namespace Fulmen.Pipes.Running;

/// <summary>
/// One running pipe's batch step, handed to the mapping engine's poller (<see cref="BatchHandler"/>): the batch
/// arrives filtered; the enrichment (when there is one) is invoked synchronously with the JSON array of the records
/// (each through the enrichment's InputTemplate) and what it returns goes on; the target gets the events, each
/// through the target's InputTemplate. An enrichment that fails or a target that refuses keeps the whole batch in the
/// queue: it comes back after the visibility timeout and, past maxReceiveCount, the queue's redrive policy moves it.
/// </summary>
public sealed class PipeRun(PipeRecord pipe, PipeSettings settings, PipeTargets targets, TimeProvider time)
{
    private readonly PipeContext _context = new(pipe.Arn, pipe.Name, pipe.Source, pipe.Enrichment, pipe.Target);
    private readonly PipeTemplate? _enrichmentTemplate = PipeTemplate.Parse(settings.EnrichmentInputTemplate);
    private readonly PipeTemplate? _targetTemplate = PipeTemplate.Parse(settings.TargetInputTemplate);

    public PipeRecord Pipe => pipe;

    public async Task<InvokeResult> HandleAsync(CollectedBatch batch, CancellationToken cancellationToken)
    {
        var events = batch.Json.Select(record => Encoding.UTF8.GetString(record)).ToList();
        if (pipe.Enrichment is { } enrichment)
        {
            var input = new JsonArray([.. events.Select(e => Transform(_enrichmentTemplate, e))]);
            var result = await targets.Invoker.InvokeAsync(new InvokeRequest(enrichment, Encoding.UTF8.GetBytes(input.ToJsonString())), cancellationToken);
            if (result.Error is not null || result.Outcome!.IsFunctionError)
            {
                return result;
            }
            events = Items(result.Outcome.Payload);
            if (events.Count == 0)
            {
                return result; // the enrichment kept nothing: the batch is done
            }
        }
        var items = events.Select(e => Transform(_targetTemplate, e)).ToList();
        return await targets.SendAsync(pipe, settings, items, cancellationToken);
    }

    /// <summary>One event as the next step gets it: through the template when there is one, JSON when it is JSON, else a string.</summary>
    private JsonNode? Transform(PipeTemplate? template, string eventJson) =>
        Node(template is null ? eventJson : template.Render(eventJson, _context, time.GetUtcNow()));

    private static JsonNode? Node(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>The enrichment's answer as events: each member of an array, nothing for null or empty, else the one value.</summary>
    private static List<string> Items(ReadOnlyMemory<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload.Span).Trim();
        if (text.Length == 0 || text == "null")
        {
            return [];
        }
        var node = Node(text);
        return node is JsonArray array
            ? [.. array.Select(item => item?.ToJsonString() ?? "null")]
            : [node?.ToJsonString() ?? "null"];
    }
}
