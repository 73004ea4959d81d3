namespace Fulmen.Functions.Api;

// AddPermission, RemovePermission and GetPolicy as AWS's Lambda API names their members.

/// <summary>The body of AddPermission; <c>Qualifier</c> comes in the query string.</summary>
public sealed class AddPermissionRequest
{
    public string? StatementId { get; set; }
    public string? Action { get; set; }
    public string? Principal { get; set; }
    public string? SourceArn { get; set; }
    public string? SourceAccount { get; set; }
    public string? EventSourceToken { get; set; }
    public string? PrincipalOrgID { get; set; }
    public string? FunctionUrlAuthType { get; set; }
    public string? RevisionId { get; set; }
}

public sealed class AddPermissionResponse
{
    /// <summary>The statement added, as a JSON document in a string.</summary>
    public required string Statement { get; init; }
}

public sealed class GetPolicyResponse
{
    /// <summary>The whole policy, as a JSON document in a string.</summary>
    public required string Policy { get; init; }
    public required string RevisionId { get; init; }
}
