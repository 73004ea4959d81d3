namespace Fulmen.Protocols.Signing;

/// <summary>
/// The access keys the server accepts signatures from, with their secrets. Without a credentials file the server
/// knows <c>test</c>/<c>test</c>, the credentials its documentation and AWS's local tooling use.
/// </summary>
public sealed class SigningCredentials(IReadOnlyDictionary<string, string> secrets)
{
    public const string DefaultAccessKey = "test";
    public const string DefaultSecret = "test";

    public static SigningCredentials Default { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultAccessKey] = DefaultSecret });

    public IReadOnlyDictionary<string, string> Secrets { get; } = secrets;

    public bool TryGetSecret(string accessKey, out string secret) => Secrets.TryGetValue(accessKey, out secret!);
}
