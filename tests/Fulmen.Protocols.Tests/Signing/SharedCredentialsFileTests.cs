using Fulmen.Protocols.Signing;

namespace Fulmen.Protocols.Tests.Signing;

public sealed class SharedCredentialsFileTests
{
    [Fact]
    public void Parse_ProfilesWithBothKeys_InFileOrder()
    {
        var profiles = SharedCredentialsFile.Parse("""
            # the developers' keys
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key=secret/one
            region = us-east-1

            [ci]
            ; no secret: not a usable pair
            aws_access_key_id = AKIDCI
            [deploy]
            AWS_ACCESS_KEY_ID = AKIDDEPLOY
            aws_secret_access_key = two=2
            aws_session_token = ignored
            """);

        Assert.Equal([("default", new SigningKeyPair("AKIDDEFAULT", "secret/one")), ("deploy", new SigningKeyPair("AKIDDEPLOY", "two=2"))], profiles);
        var credentials = SharedCredentialsFile.ToCredentials(profiles);
        Assert.True(credentials.TryGetSecret("AKIDDEPLOY", out var secret));
        Assert.Equal("two=2", secret);
        Assert.False(credentials.TryGetSecret("test", out _));
    }

    [Fact]
    public void Load_MissingOrKeylessFile_OneClearError()
    {
        var missing = Assert.Throws<CredentialsFileException>(() => SharedCredentialsFile.Load("/nonexistent/credentials"));
        Assert.StartsWith("cannot read the credentials file /nonexistent/credentials", missing.Message, StringComparison.Ordinal);

        var empty = Path.GetTempFileName();
        try
        {
            var keyless = Assert.Throws<CredentialsFileException>(() => SharedCredentialsFile.Load(empty));
            Assert.Contains("has no profile with both aws_access_key_id and aws_secret_access_key", keyless.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
