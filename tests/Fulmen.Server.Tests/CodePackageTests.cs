using System.IO.Compression;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Broken and hostile deployment packages through the AWS CLI: CreateFunction and UpdateFunctionCode answer AWS's 400
/// InvalidParameterValueException, write nothing outside the code directory, keep nothing, and the server goes on
/// serving good functions.
/// </summary>
public sealed class CodePackageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string CouldNotUnzip = "Could not unzip uploaded file. Please check your file, then try to upload again.";

    private LambdaCli Lambda => fixture.Lambda;

    /// <summary>A zip of the Node.js echo function plus one hostile entry: its name, and its Unix mode (a link's data is its target).</summary>
    private string HostileZip(string name, string entryName, string content, int mode = 0x81A4)
    {
        var path = Path.Combine(Lambda.Files, $"{name}.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (file, text) in TestFunctions.NodeEcho.Files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(file).Open());
                writer.Write(text);
            }
            var entry = archive.CreateEntry(entryName);
            entry.ExternalAttributes = mode << 16;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
        return path;
    }

    private string[] Create(string name, string zip) => LambdaCli.CreateArguments(name, TestFunctions.NodeEcho, zip);

    [Theory]
    [InlineData("traversal", "../escaped.js", "pwned", 0x81A4)]
    [InlineData("absolute", "/tmp/escaped.js", "pwned", 0x81A4)]
    [InlineData("link-out", "escaped.js", "/etc/passwd", 0xA1FF)]
    [InlineData("duplicate", "index.js", "exports.handler = async () => 'not me';", 0x81A4)]
    public async Task CreateFunction_HostileZip_InvalidParameterValueExceptionAndNothingWritten(string name, string entryName, string content, int mode)
    {
        var function = $"hostile-{name}";
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync(Create(function, HostileZip(function, entryName, content, mode))),
            "InvalidParameterValueException", "CreateFunction", CouldNotUnzip);

        var code = Path.Combine(fixture.Server.DataDirectory, "code");
        Assert.False(File.Exists(Path.Combine(code, "escaped.js")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(code, ".*")); // no staging directory left behind
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function", "--function-name", function),
            "ResourceNotFoundException", "GetFunction", "Function not found");
    }

    [Fact]
    public async Task CreateFunction_EmptyZip_NonEmptyZipRequired()
    {
        var path = Path.Combine(Lambda.Files, "empty.zip");
        ZipFile.Open(path, ZipArchiveMode.Create).Dispose();
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync(Create("empty-zip", path)),
            "InvalidParameterValueException", "CreateFunction", "Uploaded file must be a non-empty zip");
    }

    [Fact]
    public async Task UpdateFunctionCode_HostileZips_InvalidParameterValueExceptionAndTheOldCodeStillServes()
    {
        const string Function = "keeps-its-code";
        var (_, created) = await Lambda.CreateAsync(Function, TestFunctions.NodeEcho);
        var sha = created.GetProperty("CodeSha256").GetString();

        // A file where a directory is, and a zip bomb: 300 MB of zeros that declares 1 KB.
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "update-function-code", "--function-name", Function,
            "--zip-file", $"fileb://{HostileZip("clash", "index.js/inner.js", "x")}"),
            "InvalidParameterValueException", "UpdateFunctionCode", CouldNotUnzip);
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "update-function-code", "--function-name", Function,
            "--zip-file", $"fileb://{Bomb()}"),
            "InvalidParameterValueException", "UpdateFunctionCode", CouldNotUnzip);

        var configuration = (await Lambda.Aws.SucceedAsync("lambda", "get-function-configuration", "--function-name", Function)).Json;
        Assert.Equal(sha, configuration.GetProperty("CodeSha256").GetString());
        var invocation = await Lambda.InvokeAsync(Function, """{"name":"still here"}""");
        Assert.Equal("STILL HERE", invocation.PayloadJson.GetProperty("shout").GetString());
    }

    /// <summary>One entry of 300 MB of zeros whose headers declare 1,024 bytes.</summary>
    private string Bomb()
    {
        var path = Path.Combine(Lambda.Files, "bomb.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = archive.CreateEntry("index.js", CompressionLevel.Optimal).Open();
            var chunk = new byte[1 << 20];
            for (var i = 0; i < 300; i++)
            {
                stream.Write(chunk);
            }
        }
        var bytes = File.ReadAllBytes(path);
        // Uncompressed size: offset 22 of the local header (at 0), offset 24 of the central one.
        BitConverter.TryWriteBytes(bytes.AsSpan(22), 1024u);
        var central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24), 1024u);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
