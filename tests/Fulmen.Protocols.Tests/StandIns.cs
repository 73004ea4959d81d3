using Fulmen.ApiGateway.ExecuteApi;
using Fulmen.ApiGateway.HttpApis;
using Fulmen.ApiGateway.RestApis;
using Fulmen.Functions.Api;
using Fulmen.Functions.FunctionUrls;
using Fulmen.LoadBalancing.Elbv2;
using Fulmen.Protocols;
using Fulmen.Protocols.Edge;

namespace Fulmen.Protocols.Tests;

/// <summary>
/// The services Fulmen declares, plus stand-ins for services it does not have yet, declared only here so the
/// resolver's later rows (S3 by scope and host, JSON targets, query by Action) are tested before those services exist.
/// </summary>
internal static class StandIns
{
    public static readonly AwsService S3 = new("s3", "s3", AwsProtocol.RestXml)
    {
        Hosts = [new AwsHostPattern(".s3.")],
        XmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/",
    };

    public static readonly AwsService Sqs = new("sqs", "sqs", AwsProtocol.Json10)
    {
        TargetPrefixes = ["AmazonSQS"],
        JsonErrorTypePrefix = "com.amazonaws.sqs#",
    };

    public static readonly AwsService Sns = new("sns", "sns", AwsProtocol.Query)
    {
        XmlNamespace = "http://sns.amazonaws.com/doc/2010-03-31/",
        QueryActions = ["Publish", "CreateTopic"],
    };

    public static readonly AwsService Events = new("events", "events", AwsProtocol.Json11) { TargetPrefixes = ["AWSEvents"] };

    public static readonly AwsService[] Fulmen =
    [
        FunctionUrlServices.Service, ExecuteApiServices.Service, LambdaService.Api, HttpApiServices.Service, RestApiServices.Service, ElbApi.Descriptor,
    ];

    public static EdgeResolver Resolver() => new([.. Fulmen, S3, Sqs, Sns, Events]);

    public static string Authorization(string service) =>
        $"AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123";
}
