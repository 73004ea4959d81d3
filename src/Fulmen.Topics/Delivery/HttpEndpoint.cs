using System.Net.Http.Headers;
using System.Text;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// An http(s) endpoint: a POST of the JSON envelope (or the raw message) with SNS's headers. A 2xx answer delivers it;
/// so does a 4xx, which SNS neither retries nor counts as failed; anything else (5xx, no answer within the timeout,
/// no connection) is tried again under the delivery policy.
/// </summary>
public sealed class HttpEndpoint(NotificationJson json, TopicOptions options) : IDisposable
{
    private const string UserAgent = "Amazon Simple Notification Service Agent";

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = options.HttpTimeout,
    };

    public async Task<DeliveryResult> DeliverAsync(DeliveryItem item, string endpoint, bool raw, string topicArn, string subscriptionArn, CancellationToken cancellationToken)
    {
        var confirmation = item.Type == DeliveryItem.SubscriptionConfirmation;
        var body = confirmation ? json.Confirmation(item, topicArn) : raw ? item.Message : json.Envelope(item, topicArn, subscriptionArn);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=UTF-8");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("x-amz-sns-message-type", item.Type);
        request.Headers.TryAddWithoutValidation("x-amz-sns-message-id", item.MessageId);
        request.Headers.TryAddWithoutValidation("x-amz-sns-topic-arn", topicArn);
        if (!confirmation)
        {
            request.Headers.TryAddWithoutValidation("x-amz-sns-subscription-arn", subscriptionArn);
            if (raw)
            {
                request.Headers.TryAddWithoutValidation("x-amz-sns-rawdelivery", "true");
            }
        }
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 500 ? DeliveryResult.Delivered : DeliveryResult.Retryable($"The endpoint answered {status}.");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Retryable($"The endpoint could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retryable($"The endpoint did not answer within {options.HttpTimeout.TotalSeconds:0} seconds.");
        }
    }

    public void Dispose() => _client.Dispose();
}
