namespace Fulmen.ApiGateway.RestApis;

/// <summary>
/// The patch operations of an Update* request, checked as API Gateway checks them before any is applied: each names
/// one of JSON Patch's operations and a path. A path an operation does not support is the caller's fault too
/// (<see cref="UnsupportedPath"/>), so nothing half-applied is stored.
/// </summary>
internal static class PatchOperations
{
    private static readonly string[] Ops = ["add", "remove", "move", "test", "replace", "copy"];

    public static IReadOnlyList<PatchOperation> Of(RestApiRequest request)
    {
        var operations = request.PatchOperations ?? [];
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i].Op;
            if (op is null)
            {
                throw RestApiException.BadRequest($"Invalid patch operation specified. Must be one of: [{string.Join(", ", Ops)}]");
            }
            if (!Ops.Contains(op, StringComparer.Ordinal))
            {
                throw RestApiException.BadRequest(
                    $"1 validation error detected: Value '{op}' at 'patchOperations.{i + 1}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Ops)}]");
            }
            if (string.IsNullOrEmpty(operations[i].Path))
            {
                throw RestApiException.BadRequest($"Invalid patch path  'null' specified for op '{op}'. Must specify a path");
            }
        }
        return operations;
    }

    public static RestApiException UnsupportedPath(PatchOperation op) =>
        RestApiException.BadRequest($"Invalid patch path  '{op.Path}' specified for op '{op.Op}'. Please choose supported operations");
}
