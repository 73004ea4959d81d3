using System.Text.Json.Serialization;

namespace Fulmen.Lambda.ApplicationLoadBalancerEvents;

/// <summary>The event an Application Load Balancer sends to a Lambda target group.</summary>
public class ApplicationLoadBalancerRequest
{
    /// <summary>The target group the request came through.</summary>
    [JsonPropertyName("requestContext")]
    public ALBRequestContext? RequestContext { get; set; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }

    /// <summary>Request headers, set when the target group's multi-value headers are off.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Request headers with every value, set when the target group's multi-value headers are on.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    /// <summary>Query string parameters, set when multi-value headers are off.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Query string parameters with every value, set when multi-value headers are on.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")]
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }

    /// <summary>The request body (empty when there is none); base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>The request context: the load balancer's details.</summary>
    public class ALBRequestContext
    {
        /// <summary>The load balancer's details.</summary>
        [JsonPropertyName("elb")]
        public ElbInfo? Elb { get; set; }
    }

    /// <summary>The load balancer's details.</summary>
    public class ElbInfo
    {
        /// <summary>The target group's ARN.</summary>
        [JsonPropertyName("targetGroupArn")]
        public string? TargetGroupArn { get; set; }
    }
}
