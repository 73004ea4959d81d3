using System.Globalization;
using System.Net;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.S3Events;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Examples.S3;

/// <summary>
/// Audits uploads: logs every object created or removed in the bucket and warns about objects larger than
/// <c>MAX_OBJECT_BYTES</c> (an environment variable, 10 MB when unset), as an S3 event notification delivers them.
/// </summary>
public class Function
{
    // Read once per execution environment, when the runtime creates this class.
    private readonly long _maxObjectBytes =
        long.TryParse(Environment.GetEnvironmentVariable("MAX_OBJECT_BYTES"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : 10 * 1024 * 1024;

    public void FunctionHandler(S3Event notification, ILambdaContext context)
    {
        foreach (var record in notification.Records ?? [])
        {
            var bucket = record.S3?.Bucket?.Name;
            // Keys arrive URL-encoded, with '+' for spaces.
            var key = WebUtility.UrlDecode(record.S3?.Object?.Key);
            var size = record.S3?.Object?.Size ?? 0;
            context.Logger.LogInformation($"{record.EventName} s3://{bucket}/{key} ({size} bytes) at {record.EventTime:O}");
            if (size > _maxObjectBytes)
            {
                context.Logger.LogWarning($"s3://{bucket}/{key} is {size} bytes, over the {_maxObjectBytes} allowed");
            }
        }
    }
}
