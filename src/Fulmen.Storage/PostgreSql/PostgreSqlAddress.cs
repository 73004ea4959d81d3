using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// Where a PostgreSQL database is, from the <c>--database</c> option: a URL
/// (<c>postgresql://user:password@host:port/database?sslmode=disable</c>, as libpq and most hosting providers write
/// it) or an Npgsql keyword connection string. <see cref="Location"/> is what messages may show: never the password.
/// </summary>
public sealed class PostgreSqlAddress
{
    private const int DefaultPort = 5432;
    /// <summary>Seconds to wait for a connection: a server that is down should be reported quickly, not after Npgsql's 15 s.</summary>
    private const int ConnectTimeoutSeconds = 5;

    /// <summary>libpq's query parameters that Npgsql spells differently; any other parameter must be an Npgsql keyword.</summary>
    private static readonly Dictionary<string, string> LibpqParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["options"] = "Options",
        ["search_path"] = "Search Path",
    };

    private PostgreSqlAddress(NpgsqlConnectionStringBuilder builder)
    {
        ConnectionString = builder;
        var host = builder.Host ?? "localhost";
        Location = $"{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    public NpgsqlConnectionStringBuilder ConnectionString { get; }

    /// <summary>host:port/database, for messages.</summary>
    public string Location { get; }

    /// <summary>Reads a URL or a keyword connection string; <see cref="FormatException"/> (without the password) when neither.</summary>
    public static PostgreSqlAddress Parse(string database)
    {
        var builder = IsUrl(database) ? FromUrl(database) : FromKeywords(database);
        if (builder.Timeout == new NpgsqlConnectionStringBuilder().Timeout)
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }
        return new PostgreSqlAddress(builder);
    }

    private static bool IsUrl(string database) =>
        database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromKeywords(string database)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(database);
        }
        catch (ArgumentException)
        {
            // The message of the inner exception can quote the string, password included.
            throw new FormatException("The database is neither a postgresql:// URL nor a valid Npgsql connection string.");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string database)
    {
        if (!Uri.TryCreate(database, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("The database URL is not valid; expected postgresql://user:password@host:port/database.");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.DnsSafeHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (path.Length > 0)
        {
            builder.Database = path;
        }
        foreach (var (key, value) in QueryParameters(uri.Query))
        {
            var keyword = LibpqParameters.GetValueOrDefault(key, key);
            try
            {
                builder[keyword] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new FormatException($"The database URL's parameter '{key}' is not a libpq parameter or Npgsql keyword Fulmen can use, or its value is not valid.");
            }
        }
        return builder;
    }

    private static IEnumerable<(string Key, string Value)> QueryParameters(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
    }
}
