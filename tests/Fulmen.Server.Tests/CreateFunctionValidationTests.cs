using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>CreateFunction inputs AWS refuses, each with AWS's status, error type and wording.</summary>
public sealed class CreateFunctionValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private string Body(string name, string extra = "", string? zipBase64 = null)
    {
        var zip = zipBase64 ?? Convert.ToBase64String(File.ReadAllBytes(TestFunctions.NodeEcho.Zip(fixture.Server, name.Replace(' ', '_'))));
        return $$"""
            {"FunctionName":"{{name}}","Runtime":"nodejs20.x","Handler":"index.handler","Role":"{{TestFunctions.Role}}",
             "Code":{"ZipFile":"{{zip}}"}{{extra}}}
            """;
    }

    private static void AssertBadRequest(LambdaHttp.Response response, string errorType)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(errorType, response.ErrorType);
    }

    [Fact]
    public async Task Create_NameWithSpace_ValidationExceptionQuotingNameAndPattern()
    {
        var response = await fixture.Http.CreateFunctionAsync(Body("bad name"));
        AssertBadRequest(response, "ValidationException");
        Assert.StartsWith("1 validation error detected: Value 'bad name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ",
            response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ZipThatIsNotAZip_InvalidParameterValueException()
    {
        var response = await fixture.Http.CreateFunctionAsync(Body("not-a-zip", zipBase64: Convert.ToBase64String("plain text"u8.ToArray())));
        AssertBadRequest(response, "InvalidParameterValueException");
        Assert.Equal("Could not unzip uploaded file. Please check your file, then try to upload again.", response.ErrorMessage);
    }

    [Fact]
    public async Task Create_ReservedEnvironmentVariable_InvalidParameterValueExceptionNamingIt()
    {
        var response = await fixture.Http.CreateFunctionAsync(Body("reserved", ""","Environment":{"Variables":{"AWS_REGION":"eu-west-1","MINE":"1"}}"""));
        AssertBadRequest(response, "InvalidParameterValueException");
        Assert.EndsWith("Reserved keys used in this request: AWS_REGION", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_EnvironmentOver4KB_InvalidParameterValueExceptionWithMeasuredString()
    {
        var large = new string('x', 4100);
        var response = await fixture.Http.CreateFunctionAsync(Body("too-large-env", $$$""","Environment":{"Variables":{"BIG":"{{{large}}}"}}"""));
        AssertBadRequest(response, "InvalidParameterValueException");
        Assert.StartsWith("Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {\"BIG\":\"xxx",
            response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MissingHandler_InvalidParameterValueException()
    {
        var response = await fixture.Http.CreateFunctionAsync(Body("no-handler").Replace("\"Handler\":\"index.handler\",", "", StringComparison.Ordinal));
        AssertBadRequest(response, "InvalidParameterValueException");
        Assert.Equal("Runtime and Handler are mandatory parameters for functions created with deployment packages.", response.ErrorMessage);
    }
}
