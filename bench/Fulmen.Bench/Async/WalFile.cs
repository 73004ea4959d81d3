namespace Fulmen.Bench.Async;

/// <summary>
/// The size of the async queue's WAL file in a data directory (<c>queues.db-wal</c>; <c>async-events.db-wal</c> or <c>fulmen.db-wal</c>
/// in older servers). SQLite reuses the WAL file from its start once a
/// checkpoint has caught up, so its size is the most the WAL ever held: if it keeps growing with the load,
/// checkpoints are not keeping up with the writer.
/// </summary>
internal static class WalFile
{
    private static readonly string[] Databases = ["queues.db", "async-events.db", "fulmen.db"];

    public static double Megabytes(string dataDirectory) => Size(dataDirectory, "-wal");

    public static double DatabaseMegabytes(string dataDirectory) => Size(dataDirectory, "");

    private static double Size(string dataDirectory, string suffix)
    {
        var database = Databases.FirstOrDefault(name => File.Exists(Path.Combine(dataDirectory, name))) ?? Databases[0];
        var file = new FileInfo(Path.Combine(dataDirectory, database + suffix));
        return file.Exists ? file.Length / 1048576.0 : 0;
    }
}
