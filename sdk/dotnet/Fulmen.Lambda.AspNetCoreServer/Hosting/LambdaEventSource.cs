// The namespace of AWS's Amazon.Lambda.AspNetCoreServer.Hosting: Program.cs files written for it need no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What sends HTTP requests to the function, and so which event and response shapes it speaks.</summary>
public enum LambdaEventSource
{
    /// <summary>API Gateway REST API: payload format 1.0 (<c>APIGatewayProxyRequest</c>).</summary>
    RestApi,

    /// <summary>API Gateway HTTP API or a function URL: payload format 2.0 (<c>APIGatewayHttpApiV2ProxyRequest</c>).</summary>
    HttpApi,

    /// <summary>Application Load Balancer target group (<c>ApplicationLoadBalancerRequest</c>).</summary>
    ApplicationLoadBalancer,
}
