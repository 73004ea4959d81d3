namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// The names and ids of one set of resources: a function with an alias, its URL, an HTTP API, a REST API and a load
/// balancer in front of it. The known-good set (<c>good-</c>) is never named by a generated request; the fuzz set
/// (<c>fz-</c>) is what generated requests change, delete and break, and is created again now and then.
/// </summary>
internal sealed class FuzzResources(string prefix)
{
    public const string Account = "000000000000";

    public string Prefix { get; } = prefix;

    public string Function => $"{Prefix}-fn";

    public string FunctionArn => $"arn:aws:lambda:us-east-1:{Account}:function:{Function}";

    public string Alias => "live";

    /// <summary>An SQS queue; its URL's host is not read (the path names the queue).</summary>
    public string Queue => $"{Prefix}-queue";

    public string QueueUrl => $"http://127.0.0.1/{Account}/{Queue}";

    /// <summary>A FIFO queue (content-based deduplication) that generated requests address now and then.</summary>
    public string FifoQueue => $"{Prefix}-queue.fifo";

    public string FifoQueueUrl => $"http://127.0.0.1/{Account}/{FifoQueue}";

    public string? UrlId { get; set; }

    /// <summary>An SQS queue's ARN for event source mappings; the queue need not exist.</summary>
    public string QueueArn => $"arn:aws:sqs:us-east-1:{Account}:{Prefix}-queue";

    public string? MappingUuid { get; set; }

    /// <summary>An EventBridge rule on the default bus; its targets are the function and the queue.</summary>
    public string Rule => $"{Prefix}-rule";

    public string RuleArn => $"arn:aws:events:us-east-1:{Account}:rule/{Rule}";

    /// <summary>A schedule group and a schedule in it, to the function (the schedule never comes due: it is a yearly cron).</summary>
    public string ScheduleGroup => $"{Prefix}-group";

    public string ScheduleGroupArn => $"arn:aws:scheduler:us-east-1:{Account}:schedule-group/{ScheduleGroup}";

    public string Schedule => $"{Prefix}-schedule";
    /// <summary>An EventBridge pipe from the queue to the function, kept STOPPED so it never competes with the mapping.</summary>
    public string Pipe => $"{Prefix}-pipe";

    public string PipeArn => $"arn:aws:pipes:us-east-1:{Account}:pipe/{Pipe}";

    /// <summary>An SNS topic with a queue of its own subscribed (no mapping reads that queue), and a FIFO topic.</summary>
    public string Topic => $"{Prefix}-topic";

    public string TopicArn => $"arn:aws:sns:us-east-1:{Account}:{Topic}";

    public string FifoTopicArn => $"arn:aws:sns:us-east-1:{Account}:{Prefix}-topic.fifo";

    public string TopicQueue => $"{Prefix}-topic-q";

    public string? SubscriptionArn { get; set; }

    public string MappingArn => $"arn:aws:lambda:us-east-1:{Account}:event-source-mapping:{MappingUuid}";

    public string? HttpApiId { get; set; }

    public string? HttpIntegrationId { get; set; }

    public string? HttpRouteId { get; set; }

    public string? RestApiId { get; set; }

    public string? RestRootId { get; set; }

    public string? RestResourceId { get; set; }

    public string? RestDeploymentId { get; set; }

    public string RestStage => "dev";

    public string? TargetGroupArn { get; set; }

    public string? LoadBalancerArn { get; set; }

    public string? ListenerArn { get; set; }

    public int ListenerPort { get; set; }
}
