using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public void FunctionHandler_Name_SaysHelloAndLogsIt()
    {
        var context = new TestLambdaContext();

        var reply = new Function().FunctionHandler(new Greeting("Fulmen"), context);

        Assert.Equal("Hello, Fulmen!", reply.Message);
        Assert.Contains("Greeting Fulmen", ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionHandler_NoName_GreetsTheWorld()
    {
        var reply = new Function().FunctionHandler(new Greeting(null), new TestLambdaContext());

        Assert.Equal("Hello, world!", reply.Message);
    }
}
