using Fulmen.Protocols.Arns;

namespace Fulmen.Functions;

/// <summary>Account-wide settings of the function service; region and account are the server's <see cref="AwsAccount"/>.</summary>
public sealed class LambdaOptions
{
    /// <summary>Region in ARNs and the region clients must address. Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account id in ARNs. Default <c>000000000000</c>.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>Concurrent executions across all functions, as AWS's account quota. Default 1,000.</summary>
    public int AccountConcurrency { get; init; } = 1000;

    /// <summary>Concurrency that reservations must leave to unreserved functions, as on AWS.</summary>
    public int MinimumUnreservedConcurrency { get; init; } = 100;

    /// <summary>Base URL of this server, used in code download locations.</summary>
    public string EndpointUrl { get; init; } = "http://127.0.0.1:4566";

    public string FunctionArn(string name) => Arn.Format("aws", "lambda", Region, AccountId, "function:", name);
}
