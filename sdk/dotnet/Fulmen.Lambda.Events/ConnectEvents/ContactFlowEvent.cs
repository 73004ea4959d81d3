using System.Text.Json.Serialization;

namespace Fulmen.Lambda.ConnectEvents;

/// <summary>The event an Amazon Connect flow's "Invoke AWS Lambda function" block sends.</summary>
public class ContactFlowEvent
{
    [JsonPropertyName("Details")]
    public ContactFlowDetails? Details { get; set; }

    /// <summary>Always <c>ContactFlowEvent</c>.</summary>
    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    /// <summary>The contact's data and the parameters configured on the block.</summary>
    public class ContactFlowDetails
    {
        [JsonPropertyName("ContactData")]
        public ContactData? ContactData { get; set; }

        /// <summary>The key/values configured on the flow block.</summary>
        [JsonPropertyName("Parameters")]
        public IDictionary<string, string>? Parameters { get; set; }
    }

    /// <summary>The contact the flow is handling.</summary>
    public class ContactData
    {
        /// <summary>The contact's user-defined attributes (may be empty).</summary>
        [JsonPropertyName("Attributes")]
        public IDictionary<string, string>? Attributes { get; set; }

        /// <summary><c>VOICE</c>, <c>CHAT</c>, <c>TASK</c> or <c>EMAIL</c>.</summary>
        [JsonPropertyName("Channel")]
        public string? Channel { get; set; }

        [JsonPropertyName("ContactId")]
        public string? ContactId { get; set; }

        [JsonPropertyName("CustomerEndpoint")]
        public Endpoint? CustomerEndpoint { get; set; }

        [JsonPropertyName("InitialContactId")]
        public string? InitialContactId { get; set; }

        /// <summary><c>INBOUND</c>, <c>OUTBOUND</c>, <c>TRANSFER</c>, <c>CALLBACK</c> or <c>API</c>.</summary>
        [JsonPropertyName("InitiationMethod")]
        public string? InitiationMethod { get; set; }

        [JsonPropertyName("InstanceARN")]
        public string? InstanceARN { get; set; }

        [JsonPropertyName("PreviousContactId")]
        public string? PreviousContactId { get; set; }

        [JsonPropertyName("Queue")]
        public Queue? Queue { get; set; }

        [JsonPropertyName("SystemEndpoint")]
        public Endpoint? SystemEndpoint { get; set; }

        /// <summary>The contact's live media streams in Kinesis Video Streams.</summary>
        [JsonPropertyName("MediaStreams")]
        public MediaStreams? MediaStreams { get; set; }
    }

    /// <summary>A customer or system endpoint, such as a phone number.</summary>
    public class Endpoint
    {
        [JsonPropertyName("Address")]
        public string? Address { get; set; }

        /// <summary>e.g. <c>TELEPHONE_NUMBER</c>.</summary>
        [JsonPropertyName("Type")]
        public string? Type { get; set; }
    }

    /// <summary>The queue the contact is in.</summary>
    public class Queue
    {
        [JsonPropertyName("ARN")]
        public string? Arn { get; set; }

        [JsonPropertyName("Name")]
        public string? Name { get; set; }
    }

    /// <summary>A contact's media streams.</summary>
    public class MediaStreams
    {
        [JsonPropertyName("Customer")]
        public CustomerMediaStreams? Customer { get; set; }
    }

    /// <summary>The customer's media streams.</summary>
    public class CustomerMediaStreams
    {
        /// <summary>The customer's audio stream; <see langword="null"/> when streaming never started.</summary>
        [JsonPropertyName("Audio")]
        public AudioStream? Audio { get; set; }
    }

    /// <summary>Where the customer's audio stream is in Kinesis Video Streams.</summary>
    public class AudioStream
    {
        [JsonPropertyName("StreamARN")]
        public string? StreamARN { get; set; }

        [JsonPropertyName("StartFragmentNumber")]
        public string? StartFragmentNumber { get; set; }

        /// <summary>Milliseconds since the Unix epoch, as a string.</summary>
        [JsonPropertyName("StartTimestamp")]
        public string? StartTimestamp { get; set; }

        [JsonPropertyName("StopFragmentNumber")]
        public string? StopFragmentNumber { get; set; }

        /// <summary>Milliseconds since the Unix epoch, as a string.</summary>
        [JsonPropertyName("StopTimestamp")]
        public string? StopTimestamp { get; set; }
    }
}
