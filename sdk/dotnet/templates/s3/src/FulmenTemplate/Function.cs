using System.Net;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.S3Events;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>Handles S3 event notifications (object created, removed, …): one record per object.</summary>
public class Function
{
    public void FunctionHandler(S3Event s3Event, ILambdaContext context)
    {
        foreach (var record in s3Event.Records ?? [])
        {
            var bucket = record.S3?.Bucket?.Name;
            // Keys arrive URL-encoded, with '+' for spaces.
            var key = WebUtility.UrlDecode(record.S3?.Object?.Key);
            context.Logger.LogInformation($"{record.EventName}: s3://{bucket}/{key} ({record.S3?.Object?.Size ?? 0} bytes)");
            // Your work here: read the object with the AWS SDK, make a thumbnail, index it, …
        }
    }
}
