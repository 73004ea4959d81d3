using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>ListFunctions pages (<c>MaxItems</c>/<c>Marker</c>/<c>NextMarker</c>) as the CLI's paginator expects.</summary>
public sealed class ListFunctionsTests
{
    private static readonly string[] Names = ["page-a", "page-b", "page-c"];

    [Fact]
    public async Task ListFunctions_PageSizeOne_CliPagesThroughEveryFunction()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        foreach (var name in Names.Reverse())
        {
            await http.CreateFunctionAsync(name, TestFunctions.ProvidedEcho);
        }

        // The server answers one function per page when asked for one.
        var firstPage = await http.GetAsync("/2015-03-31/functions?MaxItems=1");
        Assert.Equal(HttpStatusCode.OK, firstPage.Status);
        Assert.Equal([Names[0]], FunctionNames(firstPage.Json));
        Assert.True(firstPage.Json.TryGetProperty("NextMarker", out _), firstPage.Body);

        // --page-size 1: the CLI follows NextMarker through all three pages.
        var all = (await lambda.Aws.SucceedAsync("lambda", "list-functions", "--page-size", "1")).Json;
        Assert.Equal(Names, FunctionNames(all));

        // --max-items 2 stops after two and hands back a token that resumes at the third.
        var two = (await lambda.Aws.SucceedAsync("lambda", "list-functions", "--page-size", "1", "--max-items", "2")).Json;
        Assert.Equal(Names[..2], FunctionNames(two));
        var token = two.GetProperty("NextToken").GetString()!;
        var rest = (await lambda.Aws.SucceedAsync("lambda", "list-functions", "--page-size", "1", "--starting-token", token)).Json;
        Assert.Equal(Names[2..], FunctionNames(rest));
        Assert.False(rest.TryGetProperty("NextToken", out _), rest.ToString());
    }

    private static string[] FunctionNames(JsonElement page) =>
        page.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()!).ToArray();
}
