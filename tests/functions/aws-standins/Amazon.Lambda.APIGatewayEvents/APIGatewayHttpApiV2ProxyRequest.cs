using System.Collections.Generic;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>An HTTP API (payload format 2.0) request.</summary>
public class APIGatewayHttpApiV2ProxyRequest
{
    public string Version { get; set; }

    public string RouteKey { get; set; }

    public string RawPath { get; set; }

    public string RawQueryString { get; set; }

    public string[] Cookies { get; set; }

    public IDictionary<string, string> Headers { get; set; }

    public IDictionary<string, string> QueryStringParameters { get; set; }

    public ProxyRequestContext RequestContext { get; set; }

    public string Body { get; set; }

    public IDictionary<string, string> PathParameters { get; set; }

    public bool IsBase64Encoded { get; set; }

    public IDictionary<string, string> StageVariables { get; set; }

    public class ProxyRequestContext
    {
        public string AccountId { get; set; }

        public string ApiId { get; set; }

        public string DomainName { get; set; }

        public string DomainPrefix { get; set; }

        public HttpDescription Http { get; set; }

        public string RequestId { get; set; }

        public string RouteId { get; set; }

        public string RouteKey { get; set; }

        public string Stage { get; set; }

        public string Time { get; set; }

        public long TimeEpoch { get; set; }
    }

    public class HttpDescription
    {
        public string Method { get; set; }

        public string Path { get; set; }

        public string Protocol { get; set; }

        public string SourceIp { get; set; }

        public string UserAgent { get; set; }
    }
}
