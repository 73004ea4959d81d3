using System.Text.Json.Serialization;

namespace Fulmen.Lambda.APIGatewayEvents;

/// <summary>The event API Gateway sends for a REST API (or WebSocket API) Lambda proxy integration, payload format 1.0.</summary>
public class APIGatewayProxyRequest
{
    /// <summary>The resource template that matched, e.g. <c>/orders/{orderId}</c>.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    /// <summary>The request path (with any custom-domain base path).</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }

    /// <summary>Request headers; for a repeated header, the last value.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Request headers with every value.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    /// <summary>Query string parameters; for a repeated key, the last value.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Query string parameters with every value.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")]
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }

    /// <summary>Values of the path template's parameters.</summary>
    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    /// <summary>The stage's variables.</summary>
    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }

    /// <summary>Who called, through which API, stage and authorizer.</summary>
    [JsonPropertyName("requestContext")]
    public ProxyRequestContext? RequestContext { get; set; }

    /// <summary>The request body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>The request context: account, API, stage, caller identity and authorizer output.</summary>
    public class ProxyRequestContext
    {
        /// <summary>The request path including the stage, e.g. <c>/prod/orders/1</c>.</summary>
        [JsonPropertyName("path")]
        public string? Path { get; set; }

        /// <summary>The AWS account that owns the API.</summary>
        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        /// <summary>The resource's ID.</summary>
        [JsonPropertyName("resourceId")]
        public string? ResourceId { get; set; }

        /// <summary>The deployment's ID.</summary>
        [JsonPropertyName("deploymentId")]
        public string? DeploymentId { get; set; }

        /// <summary>The stage name.</summary>
        [JsonPropertyName("stage")]
        public string? Stage { get; set; }

        /// <summary>The request's ID.</summary>
        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        /// <summary>The caller's identity.</summary>
        [JsonPropertyName("identity")]
        public RequestIdentity? Identity { get; set; }

        /// <summary>The resource template, e.g. <c>/orders/{orderId}</c>.</summary>
        [JsonPropertyName("resourcePath")]
        public string? ResourcePath { get; set; }

        /// <summary>The HTTP method.</summary>
        [JsonPropertyName("httpMethod")]
        public string? HttpMethod { get; set; }

        /// <summary>The request protocol, e.g. <c>HTTP/1.1</c>.</summary>
        [JsonPropertyName("protocol")]
        public string? Protocol { get; set; }

        /// <summary>The API's ID.</summary>
        [JsonPropertyName("apiId")]
        public string? ApiId { get; set; }

        /// <summary>API Gateway's extended request ID.</summary>
        [JsonPropertyName("extendedRequestId")]
        public string? ExtendedRequestId { get; set; }

        /// <summary>The WebSocket connection's ID.</summary>
        [JsonPropertyName("connectionId")]
        public string? ConnectionId { get; set; }

        /// <summary>When the WebSocket connection opened, in epoch milliseconds.</summary>
        [JsonPropertyName("connectedAt")]
        public long? ConnectionAt { get; set; }

        /// <summary>The domain name the request came to.</summary>
        [JsonPropertyName("domainName")]
        public string? DomainName { get; set; }

        /// <summary>The first label of <see cref="DomainName"/>.</summary>
        [JsonPropertyName("domainPrefix")]
        public string? DomainPrefix { get; set; }

        /// <summary>The WebSocket event type: <c>CONNECT</c>, <c>MESSAGE</c> or <c>DISCONNECT</c>.</summary>
        [JsonPropertyName("eventType")]
        public string? EventType { get; set; }

        /// <summary>The WebSocket message's ID.</summary>
        [JsonPropertyName("messageId")]
        public string? MessageId { get; set; }

        /// <summary>The WebSocket route key.</summary>
        [JsonPropertyName("routeKey")]
        public string? RouteKey { get; set; }

        /// <summary>The authorizer's output: Lambda authorizer context values, or Cognito <c>claims</c>.</summary>
        [JsonPropertyName("authorizer")]
        public APIGatewayCustomAuthorizerContext? Authorizer { get; set; }

        /// <summary>The operation name.</summary>
        [JsonPropertyName("operationName")]
        public string? OperationName { get; set; }

        /// <summary>The WebSocket error.</summary>
        [JsonPropertyName("error")]
        public string? Error { get; set; }

        /// <summary>The WebSocket integration latency.</summary>
        [JsonPropertyName("integrationLatency")]
        public string? IntegrationLatency { get; set; }

        /// <summary>The WebSocket message direction.</summary>
        [JsonPropertyName("messageDirection")]
        public string? MessageDirection { get; set; }

        /// <summary>The request time in CLF format, e.g. <c>24/May/2024:14:03:11 +0000</c>.</summary>
        [JsonPropertyName("requestTime")]
        public string? RequestTime { get; set; }

        /// <summary>The request time in epoch milliseconds.</summary>
        [JsonPropertyName("requestTimeEpoch")]
        public long RequestTimeEpoch { get; set; }

        /// <summary>The WebSocket status.</summary>
        [JsonPropertyName("status")]
        public string? Status { get; set; }
    }

    /// <summary>The caller's identity (IAM, Cognito, API key, source IP, client certificate).</summary>
    public class RequestIdentity
    {
        /// <summary>The Cognito identity pool's ID.</summary>
        [JsonPropertyName("cognitoIdentityPoolId")]
        public string? CognitoIdentityPoolId { get; set; }

        /// <summary>The caller's AWS account.</summary>
        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        /// <summary>The Cognito identity's ID.</summary>
        [JsonPropertyName("cognitoIdentityId")]
        public string? CognitoIdentityId { get; set; }

        /// <summary>The caller's principal ID.</summary>
        [JsonPropertyName("caller")]
        public string? Caller { get; set; }

        /// <summary>The API key.</summary>
        [JsonPropertyName("apiKey")]
        public string? ApiKey { get; set; }

        /// <summary>The API key's ID.</summary>
        [JsonPropertyName("apiKeyId")]
        public string? ApiKeyId { get; set; }

        /// <summary>The caller's access key.</summary>
        [JsonPropertyName("accessKey")]
        public string? AccessKey { get; set; }

        /// <summary>The client's IP address.</summary>
        [JsonPropertyName("sourceIp")]
        public string? SourceIp { get; set; }

        /// <summary>The Cognito authentication type.</summary>
        [JsonPropertyName("cognitoAuthenticationType")]
        public string? CognitoAuthenticationType { get; set; }

        /// <summary>The Cognito authentication provider.</summary>
        [JsonPropertyName("cognitoAuthenticationProvider")]
        public string? CognitoAuthenticationProvider { get; set; }

        /// <summary>The caller's ARN.</summary>
        [JsonPropertyName("userArn")]
        public string? UserArn { get; set; }

        /// <summary>The client's User-Agent.</summary>
        [JsonPropertyName("userAgent")]
        public string? UserAgent { get; set; }

        /// <summary>The caller's user ID.</summary>
        [JsonPropertyName("user")]
        public string? User { get; set; }

        /// <summary>The caller's AWS Organizations ID.</summary>
        [JsonPropertyName("principalOrgId")]
        public string? PrincipalOrgId { get; set; }

        /// <summary>The mutual-TLS client certificate.</summary>
        [JsonPropertyName("clientCert")]
        public ProxyRequestClientCert? ClientCert { get; set; }
    }

    /// <summary>A mutual-TLS client certificate.</summary>
    public class ProxyRequestClientCert
    {
        /// <summary>The certificate, PEM-encoded.</summary>
        [JsonPropertyName("clientCertPem")]
        public string? ClientCertPem { get; set; }

        /// <summary>The subject's distinguished name.</summary>
        [JsonPropertyName("subjectDN")]
        public string? SubjectDN { get; set; }

        /// <summary>The issuer's distinguished name.</summary>
        [JsonPropertyName("issuerDN")]
        public string? IssuerDN { get; set; }

        /// <summary>The certificate's serial number.</summary>
        [JsonPropertyName("serialNumber")]
        public string? SerialNumber { get; set; }

        /// <summary>The certificate's validity period.</summary>
        [JsonPropertyName("validity")]
        public ClientCertValidity? Validity { get; set; }
    }

    /// <summary>A client certificate's validity period.</summary>
    public class ClientCertValidity
    {
        /// <summary>The start of validity, e.g. <c>May 28 12:30:02 2019 GMT</c>.</summary>
        [JsonPropertyName("notBefore")]
        public string? NotBefore { get; set; }

        /// <summary>The end of validity.</summary>
        [JsonPropertyName("notAfter")]
        public string? NotAfter { get; set; }
    }
}
