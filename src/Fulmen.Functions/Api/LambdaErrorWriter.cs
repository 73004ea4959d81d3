using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>Writes errors as AWS does: status, <c>x-amzn-ErrorType</c>, and a body whose message member is cased per error type.</summary>
public static class LambdaErrorWriter
{
    // AWS's model spells the member "Message" for these and "message" for the rest.
    private static readonly FrozenSet<string> CapitalMessage = new[]
    {
        "ResourceNotFoundException", "ServiceException", "ResourceInUseException", "InvalidRuntimeException",
        "InvalidSecurityGroupIDException", "InvalidSubnetIDException", "InvalidZipFileException",
        "SubnetIPAddressLimitReachedException", "CodeSigningConfigNotFoundException", "CodeVerificationFailedException",
        "InvalidCodeSignatureException", "PublicPolicyException", "RecursiveInvocationException", "ServiceQuotaExceededException",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static async Task WriteAsync(HttpContext context, LambdaError error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-ErrorType"] = error.Type;
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        // Messages quote values ('x') and patterns (+): keep them readable rather than \u-escaped, as AWS does.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (error.Type != "ValidationException")
            {
                writer.WriteString("Type", error.StatusCode >= 500 ? "Service" : "User");
            }
            writer.WriteString(CapitalMessage.Contains(error.Type) ? "Message" : "message", error.Message);
            if (error.Reason is not null)
            {
                writer.WriteString("Reason", error.Reason);
            }
            writer.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
