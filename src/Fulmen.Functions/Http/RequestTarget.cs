using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fulmen.Functions.Http;

/// <summary>
/// The path and query a client sent, still URL-encoded, as the HTTP triggers' events show them. Kestrel accepts four
/// request-target forms: origin-form (<c>/a?b</c>) is the usual; absolute-form (<c>http://host/a?b</c>) names the
/// same path; authority-form (<c>host:443</c>, CONNECT's) and asterisk-form (<c>*</c>, <c>OPTIONS *</c>) name no
/// path, so there is nothing a front could forward.
/// </summary>
public readonly record struct RequestTarget(string RawPath, string RawQuery)
{
    /// <summary>The request's path and query, or null when its target is not a path (authority- or asterisk-form).</summary>
    public static RequestTarget? Of(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        if (raw.Length == 0 || raw[0] != '/')
        {
            var scheme = raw.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0)
            {
                return null;
            }
            // Absolute-form: what follows the authority is the path (Kestrel checked the host against Host).
            var slash = raw.IndexOf('/', scheme + 3);
            var question = raw.IndexOf('?', scheme + 3);
            raw = slash >= 0 && (question < 0 || slash < question) ? raw[slash..] : "/" + (question >= 0 ? raw[question..] : "");
        }
        var at = raw.IndexOf('?', StringComparison.Ordinal);
        return at < 0 ? new RequestTarget(raw, "") : new RequestTarget(raw[..at], raw[(at + 1)..]);
    }

    /// <summary>
    /// Whether a front can forward the request at all: a CONNECT (a tunnel to open, not a resource) or a target that
    /// is not a path has nothing to hand a function.
    /// </summary>
    public static bool IsForwardable(HttpContext context) => !HttpMethods.IsConnect(context.Request.Method) && Of(context) is not null;
}
