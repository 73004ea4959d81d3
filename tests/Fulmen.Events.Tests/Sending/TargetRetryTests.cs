using Fulmen.Events.Delivery;
using Fulmen.Events.Delivery.Sending;

namespace Fulmen.Events.Tests.Sending;

/// <summary>
/// The retry path of <see cref="TargetSender"/>: a target that throttles (<see cref="ThrottlingTargetStandIn"/>),
/// retried from the durable retry queue by the worker on a fake clock, until it accepts or a retry limit sends the
/// event to the dead-letter queue with EventBridge's attributes.
/// </summary>
public sealed class TargetRetryTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private SendingRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SendingRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task ThrottledTwiceThenAcceptedIsDeliveredOnceAfterTwoRetries()
    {
        _rig.Target.ThrottledAttempts = 2;

        await _rig.Sender.SendAsync(SendingRig.Send(new TargetRetryPolicy()), CancellationToken.None);
        Assert.Equal(1, await _rig.WaitingRetriesAsync());
        await _rig.AdvanceToNextRetryAsync(Day);
        await _rig.AdvanceToNextRetryAsync(Day);

        Assert.Equal(3, _rig.Target.Attempts.Count);
        Assert.Equal(["""{"order":42}"""], _rig.Target.Delivered);
        var counts = Assert.Single(_rig.Counters.Snapshot()).Counts;
        Assert.Equal(2, counts.Retried);
        Assert.Equal(1, counts.Delivered);
        Assert.Equal(0, counts.SentToDeadLetter);
        Assert.Empty(await _rig.DeadLettersAsync());
        Assert.Equal(0, await _rig.WaitingRetriesAsync());
    }

    [Fact]
    public async Task AlwaysThrottledEndsInTheDeadLetterQueueAfterMaximumRetryAttempts()
    {
        await _rig.Sender.SendAsync(SendingRig.Send(new TargetRetryPolicy(MaximumRetryAttempts: 2)), CancellationToken.None);
        await _rig.AdvanceToNextRetryAsync(Day);
        await _rig.AdvanceToNextRetryAsync(Day);

        Assert.Equal(3, _rig.Target.Attempts.Count);
        var message = Assert.Single(await _rig.DeadLettersAsync());
        Assert.Equal("""{"order":42}""", message.Body);
        var attributes = Attributes(message);
        Assert.Equal("MaximumRetryAttempts", attributes["EXHAUSTED_RETRY_CONDITION"]);
        Assert.Equal("2", attributes["RETRY_ATTEMPTS"]);
        Assert.Equal("THROTTLING", attributes["ERROR_CODE"]);
        Assert.Equal("Rate Exceeded.", attributes["ERROR_MESSAGE"]);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:orders", attributes["TARGET_ARN"]);
        Assert.Equal(SendingRig.RuleArn, attributes["RULE_ARN"]);
        Assert.Equal(0, await _rig.WaitingRetriesAsync());
        var counts = Assert.Single(_rig.Counters.Snapshot()).Counts;
        Assert.Equal(2, counts.Retried);
        Assert.Equal(1, counts.SentToDeadLetter);
        Assert.Equal(0, counts.Delivered);
    }

    [Fact]
    public async Task AlwaysThrottledEndsInTheDeadLetterQueueWhenTheEventIsTooOld()
    {
        await _rig.Sender.SendAsync(SendingRig.Send(new TargetRetryPolicy(MaximumEventAgeInSeconds: 60)), CancellationToken.None);
        while (await _rig.WaitingRetriesAsync() > 0)
        {
            await _rig.AdvanceToNextRetryAsync(Day);
        }

        var attempts = _rig.Target.Attempts;
        // No attempt is made once the event is older than its maximum age; back-off from 1 s makes a handful in 60 s.
        Assert.InRange(attempts[^1] - attempts[0], TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.InRange(attempts.Count, 4, 8);
        var attributes = Attributes(Assert.Single(await _rig.DeadLettersAsync()));
        Assert.Equal("MaximumEventAgeInSeconds", attributes["EXHAUSTED_RETRY_CONDITION"]);
        Assert.Equal((attempts.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), attributes["RETRY_ATTEMPTS"]);
        Assert.Equal("THROTTLING", attributes["ERROR_CODE"]);
    }

    [Fact]
    public async Task ARetryWaitingSurvivesARestartAndIsThenDelivered()
    {
        _rig.Target.ThrottledAttempts = 1;
        await _rig.Sender.SendAsync(SendingRig.Send(new TargetRetryPolicy()), CancellationToken.None);

        await _rig.RestartAsync();
        Assert.Equal(1, await _rig.WaitingRetriesAsync());
        await _rig.AdvanceToNextRetryAsync(Day);

        Assert.Equal(["""{"order":42}"""], _rig.Target.Delivered);
        Assert.Equal(0, await _rig.WaitingRetriesAsync());
        Assert.Empty(await _rig.DeadLettersAsync());
    }

    [Fact]
    public async Task ARetryHeldWhenTheNodeStoppedIsTriedAgainAtOnceAfterTheRestart()
    {
        _rig.Target.ThrottledAttempts = 1;
        _rig.Target.HangingAttempt = 2;
        await _rig.Sender.SendAsync(SendingRig.Send(new TargetRetryPolicy()), CancellationToken.None);
        // Move the clock until the worker takes the retry and the target hangs on it.
        var polls = _rig.Store.LeasedItems.Count;
        while (_rig.Store.LeasedItems.Count == polls)
        {
            var before = _rig.Store.Polls.Count;
            _rig.Time.Advance(_rig.Options.PollInterval);
            await _rig.Store.Polls.WaitForAsync(before + 1);
        }
        await _rig.Target.Begun.WaitForAsync(2);
        var stoppedAt = _rig.Time.GetUtcNow();

        // The worker stops with the retry held (for two minutes); the new one lets go of it and tries it at once.
        await _rig.RestartAsync();
        await _rig.Store.Settled.WaitForAsync(1);

        Assert.Equal(3, _rig.Target.Attempts.Count);
        Assert.Equal(stoppedAt, _rig.Target.Attempts[^1]);
        Assert.Equal(["""{"order":42}"""], _rig.Target.Delivered);
        Assert.Equal(0, await _rig.WaitingRetriesAsync());
    }

    [Fact]
    public async Task BackOffGrowsBetweenAttempts()
    {
        await _rig.Sender.SendAsync(SendingRig.Send(new TargetRetryPolicy(MaximumRetryAttempts: 6)), CancellationToken.None);
        var waits = new List<TimeSpan>();
        for (var retry = 1; retry <= 6; retry++)
        {
            waits.Add(await _rig.AdvanceToNextRetryAsync(Day));
        }

        var step = _rig.Options.PollInterval;
        for (var retry = 1; retry <= waits.Count; retry++)
        {
            // Retry n waits between half and all of 1 s × 2^(n-1), seen at the next poll after it is due.
            var full = _rig.Options.BaseDelay * Math.Pow(2, retry - 1);
            Assert.InRange(waits[retry - 1], full / 2, full + step);
        }
        for (var retry = 1; retry < waits.Count; retry++)
        {
            // Half of the next full wait is all of this one: with equal jitter the wait never shrinks.
            Assert.True(waits[retry] >= waits[retry - 1], $"Retry {retry + 1} waited {waits[retry]}, less than retry {retry}'s {waits[retry - 1]}.");
        }
        Assert.Single(await _rig.DeadLettersAsync());
    }

    private static Dictionary<string, string?> Attributes(Queues.Messages.ReceivedMessage message) =>
        message.Message.MessageAttributes!.ToDictionary(a => a.Key, a => a.Value.StringValue, StringComparer.Ordinal);
}
