using Fulmen.Storage.PostgreSql;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// Which store the servers of this test run keep their state in: SQLite in their data directory (the default), or,
/// with <c>FULMEN_TEST_BACKEND=postgresql</c>, a fresh database each on the PostgreSQL at <c>FULMEN_TEST_POSTGRES_URL</c>
/// (scripts/test.sh starts a throw-away cluster and runs the tests marked <c>[Trait("Backend", "Both")]</c> that way).
/// </summary>
public static class TestDatabases
{
    public static bool OnPostgreSql => System.Environment.GetEnvironmentVariable("FULMEN_TEST_BACKEND") == "postgresql";

    /// <summary>The cluster's address, <c>postgresql://user:password@127.0.0.1:PORT/postgres</c>.</summary>
    public static Uri ClusterUrl => new(System.Environment.GetEnvironmentVariable("FULMEN_TEST_POSTGRES_URL")
        ?? throw new InvalidOperationException("FULMEN_TEST_BACKEND=postgresql needs FULMEN_TEST_POSTGRES_URL (scripts/postgres.sh start prints it)."));

    /// <summary>Creates an empty database on the cluster at <paramref name="cluster"/>; returns its URL for <c>--database</c>.</summary>
    public static Task<string> CreateAsync(Uri cluster) => PostgreSqlDatabases.CreateAsync(cluster.ToString(), "fulmen");
}
