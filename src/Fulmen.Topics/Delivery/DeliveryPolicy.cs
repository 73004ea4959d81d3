using System.Text.Json;
using Fulmen.Topics.Model;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// An http(s) subscription's retry policy (SNS's <c>healthyRetryPolicy</c>): immediate retries, then retries at the
/// minimum delay, a back-off phase from the minimum to the maximum delay, and retries at the maximum. The default is
/// SNS's: three retries, 20 seconds apart. A subscription's DeliveryPolicy wins over its topic's unless the topic
/// says <c>disableSubscriptionOverrides</c>.
/// </summary>
public sealed record DeliveryPolicy(int MinDelay, int MaxDelay, int NumRetries, int NumNoDelay, int NumMinDelay, int NumMaxDelay, string Backoff)
{
    public static readonly DeliveryPolicy Default = new(20, 20, 3, 0, 0, 0, "linear");

    private static readonly string[] BackoffFunctions = ["linear", "arithmetic", "geometric", "exponential"];

    /// <summary>The delay before retry <paramref name="retry"/> (1 for the first), or null when none is left.</summary>
    public TimeSpan? DelayBefore(int retry)
    {
        if (retry > NumRetries)
        {
            return null;
        }
        if (retry <= NumNoDelay)
        {
            return TimeSpan.Zero;
        }
        if (retry <= NumNoDelay + NumMinDelay)
        {
            return TimeSpan.FromSeconds(MinDelay);
        }
        if (retry > NumRetries - NumMaxDelay)
        {
            return TimeSpan.FromSeconds(MaxDelay);
        }
        var steps = NumRetries - NumNoDelay - NumMinDelay - NumMaxDelay;
        var step = retry - NumNoDelay - NumMinDelay;
        var fraction = steps <= 1 ? 1.0 : (step - 1) / (double)(steps - 1);
        var seconds = Backoff switch
        {
            "geometric" or "exponential" when MinDelay > 0 => MinDelay * Math.Pow((double)MaxDelay / MinDelay, fraction),
            _ => MinDelay + (MaxDelay - MinDelay) * fraction,
        };
        return TimeSpan.FromSeconds(Math.Round(seconds, 3));
    }

    /// <summary>The policy that applies to an http(s) subscription of <paramref name="topic"/>.</summary>
    public static DeliveryPolicy For(TopicRecord? topic, SubscriptionRecord subscription)
    {
        DeliveryPolicy? fromTopic = null;
        var overridesDisabled = false;
        if (topic?.Attributes.GetValueOrDefault(TopicAttributes.DeliveryPolicy) is { } topicText && Parse(topicText) is { } topicJson)
        {
            using (topicJson)
            {
                if (topicJson.RootElement.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object)
                {
                    fromTopic = Read(http, "defaultHealthyRetryPolicy");
                    overridesDisabled = http.TryGetProperty("disableSubscriptionOverrides", out var d) && d.ValueKind == JsonValueKind.True;
                }
            }
        }
        if (!overridesDisabled && subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.DeliveryPolicy) is { } text && Parse(text) is { } json)
        {
            using (json)
            {
                if (Read(json.RootElement, "healthyRetryPolicy") is { } own)
                {
                    return own;
                }
            }
        }
        return fromTopic ?? Default;
    }

    /// <summary>What is wrong with a delivery policy, or null.</summary>
    public static string? Check(string text, bool subscription)
    {
        using var json = Parse(text);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return "failed to parse JSON.";
        }
        var root = json.RootElement;
        if (!subscription)
        {
            if (!root.TryGetProperty("http", out root) || root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
        }
        var member = subscription ? "healthyRetryPolicy" : "defaultHealthyRetryPolicy";
        if (!root.TryGetProperty(member, out var retry))
        {
            return null;
        }
        if (retry.ValueKind != JsonValueKind.Object || Read(root, member) is not { } policy)
        {
            return $"{member}: failed to parse JSON.";
        }
        if (policy.MinDelay < 1 || policy.MaxDelay > 3600 || policy.MinDelay > policy.MaxDelay)
        {
            return "minDelayTarget must be at least 1 and at most maxDelayTarget, and maxDelayTarget at most 3600.";
        }
        if (policy.NumRetries is < 0 or > 100)
        {
            return "numRetries must be between 0 and 100.";
        }
        if (policy.NumNoDelay < 0 || policy.NumMinDelay < 0 || policy.NumMaxDelay < 0 || policy.NumNoDelay + policy.NumMinDelay + policy.NumMaxDelay > policy.NumRetries)
        {
            return "numNoDelayRetries, numMinDelayRetries and numMaxDelayRetries must together be at most numRetries.";
        }
        return BackoffFunctions.Contains(policy.Backoff) ? null : $"backoffFunction must be one of {string.Join(", ", BackoffFunctions)}.";
    }

    private static DeliveryPolicy? Read(JsonElement parent, string member)
    {
        if (!parent.TryGetProperty(member, out var retry) || retry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        int? Int(string name, int fallback) => !retry.TryGetProperty(name, out var v) ? fallback
            : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
        var backoff = retry.TryGetProperty("backoffFunction", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "linear";
        return Int("minDelayTarget", 20) is { } min && Int("maxDelayTarget", 20) is { } max && Int("numRetries", 3) is { } retries
            && Int("numNoDelayRetries", 0) is { } noDelay && Int("numMinDelayRetries", 0) is { } minRetries && Int("numMaxDelayRetries", 0) is { } maxRetries
            ? new DeliveryPolicy(min, max, retries, noDelay, minRetries, maxRetries, backoff)
            : null;
    }

    private static JsonDocument? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
