using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;
using Fulmen.Lambda.SNSEvents;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>Handles messages published to an SNS topic this function is subscribed to.</summary>
public class Function
{
    public async Task FunctionHandler(SNSEvent snsEvent, ILambdaContext context)
    {
        foreach (var record in snsEvent.Records ?? [])
        {
            var message = record.Sns;
            context.Logger.LogInformation($"Message {message?.MessageId} from {message?.TopicArn}: {message?.Subject} {message?.Message}");
            // Your work here.
            await Task.CompletedTask;
        }
    }
}
