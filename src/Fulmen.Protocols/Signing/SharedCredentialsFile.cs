namespace Fulmen.Protocols.Signing;

/// <summary>
/// AWS's shared credentials file (<c>~/.aws/credentials</c>): <c>[profile]</c> sections with <c>aws_access_key_id</c>
/// and <c>aws_secret_access_key</c>. The server accepts every profile's pair; a client signs with one profile's.
/// </summary>
public static class SharedCredentialsFile
{
    /// <summary>The variable naming the file, the default of <c>--credentials</c>.</summary>
    public const string Variable = "FULMEN_CREDENTIALS";

    /// <summary>Every profile with both keys, in file order; a missing, unreadable or keyless file is one clear error.</summary>
    public static IReadOnlyList<(string Profile, SigningKeyPair Key)> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CredentialsFileException($"cannot read the credentials file {path}: {e.Message}");
        }
        var profiles = Parse(text);
        return profiles.Count > 0 ? profiles
            : throw new CredentialsFileException($"the credentials file {path} has no profile with both aws_access_key_id and aws_secret_access_key.");
    }

    public static IReadOnlyList<(string Profile, SigningKeyPair Key)> Parse(string text)
    {
        var found = new List<(string, SigningKeyPair)>();
        string? profile = null, accessKey = null, secret = null;
        void Flush()
        {
            if (profile is not null && accessKey is { Length: > 0 } && secret is { Length: > 0 })
            {
                found.Add((profile, new SigningKeyPair(accessKey, secret)));
            }
            accessKey = secret = null;
        }
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            if (line[0] == '[' && line[^1] == ']')
            {
                Flush();
                profile = line[1..^1].Trim();
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || profile is null)
            {
                continue;
            }
            var value = line[(equals + 1)..].Trim();
            switch (line[..equals].Trim().ToLowerInvariant())
            {
                case "aws_access_key_id":
                    accessKey = value;
                    break;
                case "aws_secret_access_key":
                    secret = value;
                    break;
            }
        }
        Flush();
        return found;
    }

    /// <summary>The pairs of a file as the server's accepted credentials (the last profile wins for a repeated key).</summary>
    public static SigningCredentials ToCredentials(IEnumerable<(string Profile, SigningKeyPair Key)> profiles)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, key) in profiles)
        {
            secrets[key.AccessKey] = key.Secret;
        }
        return new SigningCredentials(secrets);
    }
}

/// <summary>The credentials file cannot serve: the server stops at start with this one line.</summary>
public sealed class CredentialsFileException(string message) : Exception(message);
