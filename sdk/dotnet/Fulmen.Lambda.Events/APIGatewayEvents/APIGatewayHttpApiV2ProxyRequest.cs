using System.Text.Json.Serialization;

namespace Fulmen.Lambda.APIGatewayEvents;

/// <summary>The event an API Gateway HTTP API (payload format 2.0) or a Lambda function URL sends.</summary>
public class APIGatewayHttpApiV2ProxyRequest
{
    /// <summary>The payload format version, <c>2.0</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The matched route, e.g. <c>GET /items/{id}</c>, or <c>$default</c>.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; set; }

    /// <summary>The request path, without a custom domain's API-mapping base path.</summary>
    [JsonPropertyName("rawPath")]
    public string? RawPath { get; set; }

    /// <summary>The query string as sent, without <c>?</c>; empty when there is none.</summary>
    [JsonPropertyName("rawQueryString")]
    public string? RawQueryString { get; set; }

    /// <summary>The request's cookies, one <c>name=value</c> per entry.</summary>
    [JsonPropertyName("cookies")]
    public string[]? Cookies { get; set; }

    /// <summary>Request headers, lower-cased; repeated values are comma-joined.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Query string parameters; repeated values are comma-joined.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Who called, through which API, stage and authorizer.</summary>
    [JsonPropertyName("requestContext")]
    public ProxyRequestContext? RequestContext { get; set; }

    /// <summary>The request body; base64 when <see cref="IsBase64Encoded"/>; absent when there is none.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Values of the route's path parameters.</summary>
    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>The stage's variables.</summary>
    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }

    /// <summary>The request context: account, API, HTTP details, authorizer and time.</summary>
    public class ProxyRequestContext
    {
        /// <summary>The AWS account that owns the API or function.</summary>
        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        /// <summary>The API's ID (the URL ID for a function URL).</summary>
        [JsonPropertyName("apiId")]
        public string? ApiId { get; set; }

        /// <summary>The authorizer's output: JWT claims and scopes, IAM caller, or Lambda authorizer context.</summary>
        [JsonPropertyName("authorizer")]
        public AuthorizerDescription? Authorizer { get; set; }

        /// <summary>The domain name the request came to.</summary>
        [JsonPropertyName("domainName")]
        public string? DomainName { get; set; }

        /// <summary>The first label of <see cref="DomainName"/>.</summary>
        [JsonPropertyName("domainPrefix")]
        public string? DomainPrefix { get; set; }

        /// <summary>The HTTP method, path, protocol, source IP and User-Agent.</summary>
        [JsonPropertyName("http")]
        public HttpDescription? Http { get; set; }

        /// <summary>The request's ID.</summary>
        [JsonPropertyName("requestId")]
        public string? RequestId { get; set; }

        /// <summary>The route's ID.</summary>
        [JsonPropertyName("routeId")]
        public string? RouteId { get; set; }

        /// <summary>The matched route key.</summary>
        [JsonPropertyName("routeKey")]
        public string? RouteKey { get; set; }

        /// <summary>The stage name.</summary>
        [JsonPropertyName("stage")]
        public string? Stage { get; set; }

        /// <summary>The request time in CLF format, e.g. <c>24/May/2024:14:05:42 +0000</c>.</summary>
        [JsonPropertyName("time")]
        public string? Time { get; set; }

        /// <summary>The request time in epoch milliseconds.</summary>
        [JsonPropertyName("timeEpoch")]
        public long TimeEpoch { get; set; }

        /// <summary>Mutual-TLS authentication details.</summary>
        [JsonPropertyName("authentication")]
        public ProxyRequestAuthentication? Authentication { get; set; }
    }

    /// <summary>Mutual-TLS authentication details.</summary>
    public class ProxyRequestAuthentication
    {
        /// <summary>The client certificate.</summary>
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
        /// <summary>The start of validity.</summary>
        [JsonPropertyName("notBefore")]
        public string? NotBefore { get; set; }

        /// <summary>The end of validity.</summary>
        [JsonPropertyName("notAfter")]
        public string? NotAfter { get; set; }
    }

    /// <summary>The HTTP details of the request.</summary>
    public class HttpDescription
    {
        /// <summary>The HTTP method.</summary>
        [JsonPropertyName("method")]
        public string? Method { get; set; }

        /// <summary>The request path.</summary>
        [JsonPropertyName("path")]
        public string? Path { get; set; }

        /// <summary>The protocol, e.g. <c>HTTP/1.1</c>.</summary>
        [JsonPropertyName("protocol")]
        public string? Protocol { get; set; }

        /// <summary>The client's IP address.</summary>
        [JsonPropertyName("sourceIp")]
        public string? SourceIp { get; set; }

        /// <summary>The client's User-Agent.</summary>
        [JsonPropertyName("userAgent")]
        public string? UserAgent { get; set; }
    }

    /// <summary>The authorizer's output; one of <see cref="Jwt"/>, <see cref="IAM"/> or <see cref="Lambda"/> is set.</summary>
    public class AuthorizerDescription
    {
        /// <summary>A JWT authorizer's claims and scopes.</summary>
        [JsonPropertyName("jwt")]
        public JwtDescription? Jwt { get; set; }

        /// <summary>A Lambda authorizer's context (values read as <see cref="System.Text.Json.JsonElement"/>).</summary>
        [JsonPropertyName("lambda")]
        public IDictionary<string, object>? Lambda { get; set; }

        /// <summary>The IAM (SigV4) caller.</summary>
        [JsonPropertyName("iam")]
        public IAMDescription? IAM { get; set; }

        /// <summary>An IAM-authorized caller.</summary>
        public class IAMDescription
        {
            /// <summary>The caller's access key.</summary>
            [JsonPropertyName("accessKey")]
            public string? AccessKey { get; set; }

            /// <summary>The caller's AWS account.</summary>
            [JsonPropertyName("accountId")]
            public string? AccountId { get; set; }

            /// <summary>The caller's principal ID.</summary>
            [JsonPropertyName("callerId")]
            public string? CallerId { get; set; }

            /// <summary>The caller's Cognito identity, when it has one.</summary>
            [JsonPropertyName("cognitoIdentity")]
            public CognitoIdentityDescription? CognitoIdentity { get; set; }

            /// <summary>The caller's AWS Organizations ID.</summary>
            [JsonPropertyName("principalOrgId")]
            public string? PrincipalOrgId { get; set; }

            /// <summary>The caller's ARN.</summary>
            [JsonPropertyName("userArn")]
            public string? UserARN { get; set; }

            /// <summary>The caller's user ID.</summary>
            [JsonPropertyName("userId")]
            public string? UserId { get; set; }
        }

        /// <summary>An IAM caller's Cognito identity.</summary>
        public class CognitoIdentityDescription
        {
            /// <summary>The authentication methods references.</summary>
            [JsonPropertyName("amr")]
            public IList<string>? AMR { get; set; }

            /// <summary>The Cognito identity's ID.</summary>
            [JsonPropertyName("identityId")]
            public string? IdentityId { get; set; }

            /// <summary>The Cognito identity pool's ID.</summary>
            [JsonPropertyName("identityPoolId")]
            public string? IdentityPoolId { get; set; }
        }

        /// <summary>A JWT's claims and scopes.</summary>
        public class JwtDescription
        {
            /// <summary>The token's claims.</summary>
            [JsonPropertyName("claims")]
            public IDictionary<string, string>? Claims { get; set; }

            /// <summary>The token's scopes.</summary>
            [JsonPropertyName("scopes")]
            public string[]? Scopes { get; set; }
        }
    }
}
