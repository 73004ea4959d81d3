using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Protocols.Arns;

namespace Fulmen.Events.Destinations;

/// <summary>
/// An event bus as an asynchronous invocation's OnSuccess or OnFailure destination: the invocation record becomes the
/// <c>detail</c> of an event from source <c>lambda</c>, detail-type <c>Lambda Function Invocation Result - Success</c>
/// (or <c>- Failure</c>), resources [the bus ARN, the qualified function ARN], put on the bus as PutEvents would; done
/// once every matched target holds it durably. A bus that does not exist is refused as a missing queue is.
/// </summary>
public sealed class EventBusDestination(EventCatalog catalog, EventDelivery delivery, AwsAccount account, TimeProvider time) : IDestination
{
    public const string Source = "lambda";
    public const string SuccessDetailType = "Lambda Function Invocation Result - Success";
    public const string FailureDetailType = "Lambda Function Invocation Result - Failure";

    public bool Handles(string arn) => arn.StartsWith("arn:aws:events:", StringComparison.Ordinal) && arn.Contains(":event-bus/", StringComparison.Ordinal);

    public async ValueTask<bool> ExistsAsync(string arn, CancellationToken cancellationToken) =>
        BusName(arn) is { } name && await catalog.FindBusAsync(name, cancellationToken) is not null;

    public async Task SendAsync(string arn, DestinationRecord record, CancellationToken cancellationToken)
    {
        if (BusName(arn) is not { } name || await catalog.FindBusAsync(name, cancellationToken) is null)
        {
            throw new DestinationException($"Could not deliver to {arn}: the event bus does not exist.");
        }
        var ingestion = time.GetUtcNow();
        await delivery.DeliverAsync(name, Envelope(EventArns.Bus(account, name), record, ingestion), ingestion, cancellationToken);
    }

    /// <summary>The event in EventBridge's envelope, its members in EventBridge's order, the record as its detail.</summary>
    private string Envelope(string busArn, DestinationRecord record, DateTimeOffset ingestion)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "0");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("detail-type", record.Condition == DestinationRecord.Conditions.Success ? SuccessDetailType : FailureDetailType);
            json.WriteString("source", Source);
            json.WriteString("account", account.AccountId);
            json.WriteString("time", ingestion.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("region", account.Region);
            json.WriteStartArray("resources");
            json.WriteStringValue(busArn);
            json.WriteStringValue(record.FunctionArn);
            json.WriteEndArray();
            json.WritePropertyName("detail");
            json.WriteRawValue(record.ToJson(), skipInputValidation: true);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The bus an ARN names, when it is one of this server's (its region and account).</summary>
    private string? BusName(string arn) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "events" && parsed.Region == account.Region && parsed.Account == account.AccountId
            && parsed.Resource.StartsWith("event-bus/", StringComparison.Ordinal)
            ? parsed.Resource["event-bus/".Length..]
            : null;
}
