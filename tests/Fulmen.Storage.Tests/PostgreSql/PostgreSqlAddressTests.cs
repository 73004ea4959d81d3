using Fulmen.Storage.PostgreSql;
using Npgsql;

namespace Fulmen.Storage.Tests.PostgreSql;

public sealed class PostgreSqlAddressTests
{
    [Fact]
    public void Parse_Url_ReadsEveryPart()
    {
        var address = PostgreSqlAddress.Parse("postgresql://fulmen:s3cret@db.example:6543/state");

        Assert.Equal("db.example", address.ConnectionString.Host);
        Assert.Equal(6543, address.ConnectionString.Port);
        Assert.Equal("fulmen", address.ConnectionString.Username);
        Assert.Equal("s3cret", address.ConnectionString.Password);
        Assert.Equal("state", address.ConnectionString.Database);
        Assert.Equal("db.example:6543/state", address.Location);
    }

    [Fact]
    public void Parse_PostgresSchemeWithoutPort_UsesDefaultPort()
    {
        var address = PostgreSqlAddress.Parse("postgres://u@localhost/db");

        Assert.Equal(5432, address.ConnectionString.Port);
        Assert.Null(address.ConnectionString.Password);
        Assert.Equal("localhost:5432/db", address.Location);
    }

    [Fact]
    public void Parse_PercentEncodedCredentials_AreDecoded()
    {
        var address = PostgreSqlAddress.Parse("postgresql://us%40er:p%3Aa%2Fss%40word@127.0.0.1:5432/my%20db");

        Assert.Equal("us@er", address.ConnectionString.Username);
        Assert.Equal("p:a/ss@word", address.ConnectionString.Password);
        Assert.Equal("my db", address.ConnectionString.Database);
    }

    [Fact]
    public void Parse_Location_NeverShowsThePassword()
    {
        var address = PostgreSqlAddress.Parse("postgresql://user:hunter2@127.0.0.1:5999/fulmen");

        Assert.Equal("127.0.0.1:5999/fulmen", address.Location);
        Assert.DoesNotContain("hunter2", address.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Ipv6Host_IsBracketedInLocation()
    {
        var address = PostgreSqlAddress.Parse("postgresql://u:p@[::1]:5433/db");

        Assert.Equal("::1", address.ConnectionString.Host);
        Assert.Equal("[::1]:5433/db", address.Location);
    }

    [Fact]
    public void Parse_LibpqParameters_MapToNpgsqlKeywords()
    {
        var address = PostgreSqlAddress.Parse("postgresql://u:p@h/db?sslmode=disable&connect_timeout=7&application_name=fulmen%20node");

        Assert.Equal(SslMode.Disable, address.ConnectionString.SslMode);
        Assert.Equal(7, address.ConnectionString.Timeout);
        Assert.Equal("fulmen node", address.ConnectionString.ApplicationName);
    }

    [Fact]
    public void Parse_NpgsqlKeywordParameter_IsPassedThrough()
    {
        var address = PostgreSqlAddress.Parse("postgresql://u:p@h/db?Maximum%20Pool%20Size=7");

        Assert.Equal(7, address.ConnectionString.MaxPoolSize);
    }

    [Fact]
    public void Parse_UnknownParameter_FailsWithoutThePassword()
    {
        var error = Assert.Throws<FormatException>(() => PostgreSqlAddress.Parse("postgresql://u:hunter2@h/db?bogus=1"));

        Assert.Contains("bogus", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoTimeoutGiven_ConnectsWithAShortTimeout()
    {
        Assert.Equal(5, PostgreSqlAddress.Parse("postgresql://u:p@h/db").ConnectionString.Timeout);
        Assert.Equal(5, PostgreSqlAddress.Parse("Host=h;Database=db").ConnectionString.Timeout);
    }

    [Fact]
    public void Parse_KeywordConnectionString_IsUsedAsIs()
    {
        var address = PostgreSqlAddress.Parse("Host=10.0.0.5;Port=5433;Database=state;Username=u;Password=p;Timeout=9");

        Assert.Equal("10.0.0.5", address.ConnectionString.Host);
        Assert.Equal(9, address.ConnectionString.Timeout);
        Assert.Equal("10.0.0.5:5433/state", address.Location);
    }

    [Fact]
    public void Parse_Garbage_FailsWithoutEchoingIt()
    {
        var error = Assert.Throws<FormatException>(() => PostgreSqlAddress.Parse("not a connection string; password=hunter2 ="));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
