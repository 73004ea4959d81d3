using Fulmen.Buckets.Api;
using Fulmen.Buckets.Model;
using Fulmen.Buckets.Notifications.Configuration;
using Fulmen.Buckets.Notifications.Delivery;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Buckets.Notifications.Api;

/// <summary>
/// <c>PUT/GET /{bucket}?notification</c>: the configuration is checked as S3 checks it (events, filters, overlapping
/// rules, then every destination: a function must exist and allow <c>s3.amazonaws.com</c>, a queue or topic must
/// exist and gets <c>s3:TestEvent</c>) and replaces the bucket's whole configuration; an empty one removes it.
/// </summary>
internal sealed class NotificationConfigurationApi(NotificationStore store, NotificationTargets targets, S3EventJson json, TimeProvider time)
{
    public async Task PutAsync(S3Request r, BucketRecord bucket)
    {
        var (rules, eventBridge) = NotificationXml.Parse(await S3Xml.ReadAsync(r.Request));
        OverlapCheck.Check(rules);
        if (!string.Equals(r.Header("x-amz-skip-destination-validation"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var testEvent = json.TestEvent(bucket.Name, time.GetUtcNow(), r.Response.Headers["x-amz-request-id"].ToString());
            var problems = new List<(string Arn, string Reason)>();
            foreach (var rule in rules)
            {
                if (await targets.ValidateAsync(rule, bucket.Name, testEvent, r.Aborted) is { } reason)
                {
                    problems.Add((rule.Arn, reason));
                }
            }
            if (problems.Count > 0)
            {
                var fields = problems.SelectMany((p, i) => new[] { ($"ArgumentName{i + 1}", p.Arn), ($"ArgumentValue{i + 1}", p.Reason) }).ToArray();
                throw S3Errors.Error(400, "InvalidArgument", "Unable to validate the following destination configurations", fields);
            }
        }
        await store.PutAsync(new BucketNotificationRecord(bucket.Name, bucket.Id, rules, eventBridge), r.Aborted);
        r.Response.StatusCode = StatusCodes.Status200OK;
        r.Response.ContentLength = 0;
    }

    public async Task GetAsync(S3Request r, BucketRecord bucket)
    {
        var record = await store.GetAsync(bucket.Name, bucket.Id, r.Aborted);
        await S3Xml.WriteAsync(r.Context, "NotificationConfiguration", xml => NotificationXml.Write(xml, record));
    }
}
