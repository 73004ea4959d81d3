namespace Fulmen.Buckets.Notifications.Configuration;

/// <summary>The event types a configuration may name, and which changes each covers.</summary>
public static class EventTypes
{
    /// <summary>The types this server produces changes for; AWS's other types (restore, replication, …) are accepted but never fire.</summary>
    public static readonly string[] Supported =
    [
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
        "s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:Replication:OperationFailedReplication",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
        "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition",
        "s3:IntelligentTiering", "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
    ];

    public static bool IsKnown(string type) => Array.IndexOf(Supported, type) >= 0;

    /// <summary>Whether configured type <paramref name="type"/> (<c>s3:ObjectCreated:*</c>) covers the change <paramref name="eventName"/> (<c>ObjectCreated:Put</c>).</summary>
    public static bool Covers(string type, string eventName)
    {
        var name = type.AsSpan(3);   // without "s3:"
        return name.EndsWith(":*")
            ? eventName.AsSpan().StartsWith(name[..^1], StringComparison.Ordinal)
            : name.SequenceEqual(eventName);
    }

    /// <summary>Whether two configured types can name the same change (one wildcard covers the other, or they are equal).</summary>
    public static bool Overlap(string a, string b)
    {
        static string Family(string type) => type.EndsWith(":*", StringComparison.Ordinal) ? type[..^1] : type;
        return a == b
            || (a.EndsWith(":*", StringComparison.Ordinal) && b.StartsWith(Family(a), StringComparison.Ordinal))
            || (b.EndsWith(":*", StringComparison.Ordinal) && a.StartsWith(Family(b), StringComparison.Ordinal));
    }
}
