using Fulmen.Protocols.Signing;

namespace Fulmen.Server.Cli;

/// <summary>
/// Signs every request of the client commands with SigV4 (service <c>lambda</c>), so they keep working against a
/// server started with <c>--verify-signatures</c>. The key comes from <see cref="Resolve"/>; the region from
/// <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>, else us-east-1 (the server's default).
/// </summary>
internal sealed class SigningHandler(SigningKeyPair key, string region, TimeProvider time) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        SigV4Signer.Sign(request, body, key, region, "lambda", time.GetUtcNow());
        return await base.SendAsync(request, cancellationToken);
    }

    public static SigningHandler FromEnvironment() => new(Resolve(), Region(), TimeProvider.System);

    /// <summary>
    /// <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>; else the profile <c>AWS_PROFILE</c> (or <c>default</c>, or
    /// the first) of the file in <c>FULMEN_CREDENTIALS</c>, the server's own; else <c>test</c>/<c>test</c>.
    /// </summary>
    public static SigningKeyPair Resolve()
    {
        if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 } accessKey
            && Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret)
        {
            return new SigningKeyPair(accessKey, secret);
        }
        if (Environment.GetEnvironmentVariable(SharedCredentialsFile.Variable) is { Length: > 0 } file)
        {
            IReadOnlyList<(string Profile, SigningKeyPair Key)> profiles;
            try
            {
                profiles = SharedCredentialsFile.Load(file);
            }
            catch (CredentialsFileException e)
            {
                throw new CliException(e.Message);
            }
            var wanted = Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } name ? name : "default";
            return profiles.FirstOrDefault(p => p.Profile == wanted).Key ?? profiles[0].Key;
        }
        return new SigningKeyPair(SigningCredentials.DefaultAccessKey, SigningCredentials.DefaultSecret);
    }

    private static string Region() =>
        Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region
        : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback
        : "us-east-1";
}
