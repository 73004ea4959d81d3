namespace Fulmen.Buckets.Notifications;

/// <summary>How bucket notifications are sent.</summary>
public sealed class BucketNotificationOptions
{
    /// <summary>
    /// Test-only hook: the environment variable that, set to <c>1</c>, turns <see cref="HoldLiveDeliveries"/> on, so a test
    /// can kill the server between an acknowledged PUT and its notification.
    /// </summary>
    public const string HoldVariable = "FULMEN_TEST_HOLD_S3_NOTIFICATIONS";

    /// <summary>
    /// Test-only: changes committed while the server runs are not sent; they stay pending in the store and only the
    /// pass over pending changes at the next start sends them. Default false.
    /// </summary>
    public bool HoldLiveDeliveries { get; init; }

    /// <summary>First wait before another try at a destination that may take the event later (throttled, storage down); doubles up to a minute. Default 1 s.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries at such a destination before the event is given up. Default 10.</summary>
    public int MaxAttempts { get; init; } = 10;
}
