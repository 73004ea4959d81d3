using System.Collections.Frozen;
using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>
/// Lambda's error shape on top of the protocol layer's rest-json writer: a <c>Type</c> member (<c>User</c> or
/// <c>Service</c>; none on <c>ValidationException</c>), the message member cased per error type, and <c>Reason</c>.
/// </summary>
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

    private static readonly KeyValuePair<string, string>[] UserType = [new("Type", "User")];
    private static readonly KeyValuePair<string, string>[] ServiceType = [new("Type", "Service")];

    public static Task WriteAsync(HttpContext context, LambdaError error) =>
        AwsErrorWriter.WriteAsync(context, LambdaService.Api, error.ToAwsError());

    /// <summary>The error as the protocol layer writes it, in Lambda's shape.</summary>
    public static AwsError ToAwsError(this LambdaError error) => new(error.StatusCode, error.Type, error.Message)
    {
        Fields = error.Type == "ValidationException" ? [] : error.StatusCode >= 500 ? ServiceType : UserType,
        MessageMember = CapitalMessage.Contains(error.Type) ? "Message" : "message",
        TrailingFields = error.Reason is null ? [] : [new("Reason", error.Reason)],
    };
}
