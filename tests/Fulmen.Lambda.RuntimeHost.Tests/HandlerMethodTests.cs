using System.Text;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.TestUtilities;

namespace Fulmen.Lambda.RuntimeHost.Tests;

/// <summary>How the host reads handler strings and prepares handler methods (the server tests run them end to end).</summary>
public sealed class HandlerMethodTests
{
    public sealed record Point(int X, int Y);

    /// <summary>Handlers in an assembly without a LambdaSerializer attribute (this test assembly).</summary>
    public sealed class Samples
    {
        public static Point Swap(Point point) => new(point.Y, point.X);

        public static string Overloaded(Stream input) => "one";

        public static string Overloaded(Stream input, ILambdaContext context) => "two";

        public static string TooMany(Stream a, ILambdaContext b, int c) => "never";

        public static string SecondNotContext(Stream a, int b) => "never";

        public static async void AsyncVoid(Stream input) => await Task.Yield();

        public static string Generic<T>(T input) => "never";

        public static ValueTask<Point> Origin() => ValueTask.FromResult(new Point(0, 0));

        public static Stream Echo(Stream input) => input;

        public static MemoryStream Copy(MemoryStream input) => new(input.ToArray());

        public static void Nothing(Point point)
        {
        }

        public static Task Completed(Stream input) => Task.CompletedTask;

        public static async Task<Point> LaterAsync(Point point, ILambdaContext context)
        {
            await Task.Yield();
            return new Point(point.X + context.AwsRequestId.Length, point.Y);
        }

        public static async ValueTask<string> LaterValueAsync()
        {
            await Task.Yield();
            return "later";
        }

        public static async ValueTask FailLaterAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("async failure");
        }

        public static int Fail(Stream input) => throw new FormatException("sync failure");

        private int _calls;

        public int Count(ILambdaContext context) => ++_calls;
    }

    private static async Task<string> InvokeAsync(string method, string payload)
    {
        var handler = HandlerMethod.Create(new HandlerString("tests", typeof(Samples).FullName!, method), typeof(Samples).Assembly);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(payload));
        using var output = new MemoryStream();
        await handler.InvokeAsync(input, new TestLambdaContext(), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task TypedHandler_WithoutSerializerAttribute_UsesSystemTextJson()
    {
        Assert.Equal("""{"X":2,"Y":1}""", await InvokeAsync(nameof(Samples.Swap), """{"x":1,"y":2}"""));
    }

    [Fact]
    public async Task ValueTaskHandler_WithoutInput_WritesItsResult()
    {
        Assert.Equal("""{"X":0,"Y":0}""", await InvokeAsync(nameof(Samples.Origin), "{}"));
    }

    [Theory]
    [InlineData(nameof(Samples.Echo), "raw bytes", "raw bytes")]
    [InlineData(nameof(Samples.Copy), "copied", "copied")]
    [InlineData(nameof(Samples.Nothing), "{}", "")]
    [InlineData(nameof(Samples.Completed), "{}", "")]
    [InlineData(nameof(Samples.LaterAsync), """{"x":1,"y":2}""", """{"X":37,"Y":2}""")]
    [InlineData(nameof(Samples.LaterValueAsync), "{}", "\"later\"")]
    public async Task EveryShape_IsBoundAndWritesItsResult(string method, string payload, string expected)
    {
        Assert.Equal(expected, await InvokeAsync(method, payload));
    }

    [Fact]
    public async Task InstanceHandler_KeepsItsInstance_AcrossInvokes()
    {
        var handler = HandlerMethod.Create(new HandlerString("tests", typeof(Samples).FullName!, nameof(Samples.Count)), typeof(Samples).Assembly);
        using var output = new MemoryStream();
        for (var i = 0; i < 3; i++)
        {
            output.SetLength(0);
            await handler.InvokeAsync(new MemoryStream(), new TestLambdaContext(), output);
        }
        Assert.Equal("3", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task HandlerExceptions_ComeOutAsThrown_NotWrapped()
    {
        Assert.Equal("sync failure", (await Assert.ThrowsAsync<FormatException>(() => InvokeAsync(nameof(Samples.Fail), "{}"))).Message);
        Assert.Equal("async failure", (await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(nameof(Samples.FailLaterAsync), "{}"))).Message);
    }

    [Theory]
    [InlineData(nameof(Samples.Overloaded), "The method 'Overloaded' in type 'Fulmen.Lambda.RuntimeHost.Tests.HandlerMethodTests+Samples' appears to have a number of overloads.")]
    [InlineData(nameof(Samples.TooMany), "Method 'TooMany' of type 'Fulmen.Lambda.RuntimeHost.Tests.HandlerMethodTests+Samples' is not supported: the method has more than 2 parameters.")]
    [InlineData(nameof(Samples.SecondNotContext), "Method 'SecondNotContext' of type 'Fulmen.Lambda.RuntimeHost.Tests.HandlerMethodTests+Samples' is not supported: the method has 2 parameters, but the second parameter is not of type 'Fulmen.Lambda.Core.ILambdaContext'.")]
    [InlineData(nameof(Samples.AsyncVoid), "The method 'AsyncVoid' cannot be used as a Lambda Handler because it is an 'async void' method.")]
    [InlineData(nameof(Samples.Generic), "The method 'Generic' cannot be used as a Lambda Handler because it is a generic method.")]
    public void UnsupportedMethod_IsRefusedWithAWSMessage(string method, string messageStart)
    {
        var error = Assert.Throws<LambdaValidationException>(() =>
            HandlerMethod.Create(new HandlerString("tests", typeof(Samples).FullName!, method), typeof(Samples).Assembly));
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Empty lambda function handler. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    [InlineData("Asm::Type", "Invalid lambda function handler: 'Asm::Type'. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    [InlineData("::Type::Method", "Invalid lambda function handler: '::Type::Method', the assembly is missing. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    [InlineData("Asm::::Method", "Invalid lambda function handler: 'Asm::::Method', the type is missing. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    [InlineData("Asm::Type::", "Invalid lambda function handler: 'Asm::Type::', the method is missing. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    public void HandlerString_Malformed_IsRefusedWithAWSMessage(string handler, string message)
    {
        Assert.Equal(message, Assert.Throws<LambdaValidationException>(() => HandlerString.Parse(handler)).Message);
    }

    [Fact]
    public void HandlerString_ThreeParts_AreAssemblyTypeAndMethod()
    {
        Assert.Equal(new HandlerString("Orders", "Orders.Function", "Handle"), HandlerString.Parse("Orders::Orders.Function::Handle"));
    }
}
