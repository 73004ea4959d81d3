using System.Text;
using System.Text.Json.Serialization;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Handlers;

public sealed record Order(string Item, int Quantity);

public sealed record Receipt(string Summary, string Handler, int Constructed = 0, string? RequestId = null);

/// <summary>One handler per supported shape; each says which one answered.</summary>
public sealed class Signatures
{
    private static readonly int StaticInitOrder;
    private static int s_constructed;

    static Signatures()
    {
        StaticInitOrder = Environment.TickCount;
    }

    public Signatures()
    {
        Interlocked.Increment(ref s_constructed);
    }

    public static Receipt StaticSync(Order order) => new($"{order.Quantity} x {order.Item}", nameof(StaticSync));

    public async Task<Receipt> InstanceAsync(Order order, ILambdaContext context)
    {
        await Task.Yield();
        return new Receipt($"{order.Quantity} x {order.Item}", nameof(InstanceAsync), s_constructed, context.AwsRequestId);
    }

    public ValueTask<string> NoInput() => ValueTask.FromResult(StaticInitOrder != 0 ? "no input" : "static constructor did not run");

    public static Stream Streams(Stream input)
    {
        using var reader = new StreamReader(input);
        return new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd().ToUpperInvariant()));
    }

    public void VoidWithContext(Stream input, ILambdaContext context) => context.Logger.LogInformation($"void handler ran for {context.FunctionName}");

    public static async Task TaskOnly(Order order)
    {
        await Task.Delay(1);
        Console.WriteLine($"task handler got {order.Item}");
    }

    public static async ValueTask<Receipt> ValueTaskWithContext(Order order, ILambdaContext context)
    {
        await Task.Yield();
        return new Receipt(order.Item, nameof(ValueTaskWithContext), 0, context.AwsRequestId);
    }

    [LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<HandlersJsonContext>))]
    public static Receipt SourceGenerated(Order order) => new($"{order.Quantity} x {order.Item}", nameof(SourceGenerated));
}

[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
public sealed partial class HandlersJsonContext : JsonSerializerContext;
