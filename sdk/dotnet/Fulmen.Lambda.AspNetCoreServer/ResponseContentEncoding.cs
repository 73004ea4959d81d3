namespace Fulmen.Lambda.AspNetCoreServer;

/// <summary>How a response body goes into the proxy response.</summary>
public enum ResponseContentEncoding
{
    /// <summary>As text (UTF-8), <c>isBase64Encoded</c> false.</summary>
    Default,

    /// <summary>Base64-encoded, <c>isBase64Encoded</c> true: binary content the gateway sends on as bytes.</summary>
    Base64,
}
