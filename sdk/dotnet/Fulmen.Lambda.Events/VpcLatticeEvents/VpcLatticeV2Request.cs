using System.Text.Json.Serialization;

namespace Fulmen.Lambda.VpcLatticeEvents;

/// <summary>The event a VPC Lattice target group with event structure version V2 sends.</summary>
public class VpcLatticeV2Request
{
    /// <summary>The event structure version, <c>2.0</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>Request headers with every value (a single-string value is read as one value).</summary>
    [JsonPropertyName("headers")]
    [JsonConverter(typeof(StringOrListDictionaryConverter))]
    public IDictionary<string, IList<string>>? Headers { get; set; }

    /// <summary>Query string parameters with every value (a single-string value is read as one value).</summary>
    [JsonPropertyName("queryStringParameters")]
    [JsonConverter(typeof(StringOrListDictionaryConverter))]
    public IDictionary<string, IList<string>>? QueryStringParameters { get; set; }

    /// <summary>The request body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool? IsBase64Encoded { get; set; }

    /// <summary>The service network, service, target group, caller identity and time of the request.</summary>
    [JsonPropertyName("requestContext")]
    public VpcLatticeRequestContext? RequestContext { get; set; }

    /// <summary>The request context: where the request came through and who sent it.</summary>
    public class VpcLatticeRequestContext
    {
        /// <summary>The service network's ARN.</summary>
        [JsonPropertyName("serviceNetworkArn")]
        public string? ServiceNetworkArn { get; set; }

        /// <summary>The service's ARN.</summary>
        [JsonPropertyName("serviceArn")]
        public string? ServiceArn { get; set; }

        /// <summary>The target group's ARN.</summary>
        [JsonPropertyName("targetGroupArn")]
        public string? TargetGroupArn { get; set; }

        /// <summary>The caller's identity.</summary>
        [JsonPropertyName("identity")]
        public VpcLatticeIdentity? Identity { get; set; }

        /// <summary>The AWS Region.</summary>
        [JsonPropertyName("region")]
        public string? Region { get; set; }

        /// <summary>The request time in epoch microseconds, as a string.</summary>
        [JsonPropertyName("timeEpoch")]
        public string? TimeEpoch { get; set; }
    }

    /// <summary>The caller's identity: source VPC, IAM principal and client certificate fields.</summary>
    public class VpcLatticeIdentity
    {
        /// <summary>The ARN of the VPC the request came from.</summary>
        [JsonPropertyName("sourceVpcArn")]
        public string? SourceVpcArn { get; set; }

        /// <summary>The authentication type, e.g. <c>AWS_IAM</c>.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        /// <summary>The authenticated IAM principal's ARN.</summary>
        [JsonPropertyName("principal")]
        public string? Principal { get; set; }

        /// <summary>The principal's AWS Organizations ID.</summary>
        [JsonPropertyName("principalOrgID")]
        public string? PrincipalOrgId { get; set; }

        /// <summary>The role session name of an assumed-role principal.</summary>
        [JsonPropertyName("sessionName")]
        public string? SessionName { get; set; }

        /// <summary>The client certificate issuer's organizational unit.</summary>
        [JsonPropertyName("x509IssuerOu")]
        public string? X509IssuerOu { get; set; }

        /// <summary>The client certificate's DNS subject alternative name.</summary>
        [JsonPropertyName("x509SanDns")]
        public string? X509SanDns { get; set; }

        /// <summary>The client certificate's name-CN subject alternative name.</summary>
        [JsonPropertyName("x509SanNameCn")]
        public string? X509SanNameCn { get; set; }

        /// <summary>The client certificate's URI subject alternative name.</summary>
        [JsonPropertyName("x509SanUri")]
        public string? X509SanUri { get; set; }

        /// <summary>The client certificate subject's common name.</summary>
        [JsonPropertyName("x509SubjectCn")]
        public string? X509SubjectCn { get; set; }
    }
}
