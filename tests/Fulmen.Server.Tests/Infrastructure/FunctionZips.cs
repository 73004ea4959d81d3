using System.IO.Compression;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Builds deployment packages for tests: files (name → text) zipped with Unix permissions.</summary>
public static class FunctionZips
{
    /// <summary>Writes a zip into <paramref name="directory"/>; files named "bootstrap" or ending ".sh" are executable.</summary>
    public static string Create(string directory, string name, IReadOnlyDictionary<string, string> files)
    {
        var path = Path.Combine(directory, name + ".zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (fileName, content) in files)
        {
            var entry = archive.CreateEntry(fileName);
            entry.ExternalAttributes = Permissions(fileName);
            using var writer = new StreamWriter(entry.Open());
            writer.Write(content.ReplaceLineEndings("\n"));
        }
        return path;
    }

    /// <summary>Zips the files of <paramref name="directory"/> (a build output) flat into <paramref name="zip"/>, with the same permissions rule.</summary>
    public static string FromDirectory(string directory, string zip)
    {
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(directory))
        {
            archive.CreateEntryFromFile(file, Path.GetFileName(file)).ExternalAttributes = Permissions(file);
        }
        return zip;
    }

    private static int Permissions(string fileName)
    {
        var executable = Path.GetFileName(fileName) == "bootstrap" || fileName.EndsWith(".sh", StringComparison.Ordinal);
        return (executable ? Convert.ToInt32("100755", 8) : Convert.ToInt32("100644", 8)) << 16;
    }

    /// <summary>A provided-runtime bootstrap in shell that echoes each event back inside {"echo": …}.</summary>
    public const string EchoBootstrap = """
        #!/bin/sh
        set -eu
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        HEADERS="$(mktemp)"
        while true; do
          EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
          ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d' ' -f2 | tr -d '\r')"
          echo "handling $ID"
          curl -sS -X POST "$API/invocation/$ID/response" -d "{\"echo\":$EVENT}" > /dev/null
        done
        """;
}
