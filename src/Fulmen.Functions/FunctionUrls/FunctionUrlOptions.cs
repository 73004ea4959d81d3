namespace Fulmen.Functions.FunctionUrls;

/// <summary>Settings of the function URL front.</summary>
public sealed class FunctionUrlOptions
{
    /// <summary>The variable that adds credentials: <c>KEY:SECRET</c> pairs separated by commas.</summary>
    public const string CredentialsVariable = "FULMEN_CREDENTIALS";

    /// <summary>
    /// Access key id → secret key of the identities whose SigV4 signatures an AWS_IAM URL accepts, all of them
    /// this server's account. Default: <c>test</c>/<c>test</c> (the README's credentials) plus <see cref="CredentialsVariable"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string> { ["test"] = "test" };

    /// <summary>How far a signed request's <c>X-Amz-Date</c> may be from the server's clock, as on AWS. Default 15 minutes.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The defaults plus the pairs in <paramref name="variable"/> (<c>KEY:SECRET,KEY2:SECRET2</c>); a malformed pair stops start-up.</summary>
    public static FunctionUrlOptions FromVariable(string? variable)
    {
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal) { ["test"] = "test" };
        foreach (var pair in (variable ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                throw new InvalidOperationException($"{CredentialsVariable} must be KEY:SECRET pairs separated by commas; got '{pair}'.");
            }
            credentials[pair[..colon]] = pair[(colon + 1)..];
        }
        return new FunctionUrlOptions { Credentials = credentials };
    }
}
