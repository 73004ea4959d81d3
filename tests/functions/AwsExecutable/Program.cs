using System;
using System.Text.Json.Serialization;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;

var handler = (Order order, ILambdaContext context) =>
{
    context.Logger.LogLine($"order {order.Id} in {context.FunctionName}");
    if (order.Quantity <= 0)
    {
        throw new ArgumentOutOfRangeException(nameof(order), "quantity must be positive");
    }
    return new Receipt { Id = order.Id, Total = order.Quantity * 5, RequestId = context.AwsRequestId, Runtime = Environment.Version.Major };
};
await LambdaBootstrapBuilder.Create(handler, new SourceGeneratorLambdaJsonSerializer<OrderJsonContext>()).Build().RunAsync();

public class Order
{
    public string Id { get; set; }

    public int Quantity { get; set; }
}

public class Receipt
{
    public string Id { get; set; }

    public int Total { get; set; }

    public string RequestId { get; set; }

    public int Runtime { get; set; }
}

[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
public partial class OrderJsonContext : JsonSerializerContext;
