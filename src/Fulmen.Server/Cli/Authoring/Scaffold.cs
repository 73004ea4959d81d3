using System.Security;
using System.Text.RegularExpressions;

namespace Fulmen.Server.Cli.Authoring;

/// <summary>
/// Makes a C# function folder from sdk/dotnet/templates: <c>common/</c> (solution, projects, fulmen.json,
/// nuget.config), then <c>&lt;trigger&gt;/</c> (handler, its test, a sample event) on top, with the placeholder
/// names replaced in paths and contents (see sdk/dotnet/templates/README.md).
/// </summary>
internal static partial class Scaffold
{
    public static readonly string[] Triggers = ["none", "http", "sqs", "s3", "schedule", "sns", "dynamodb", "kinesis", "aspnet"];

    public static readonly string[] Runtimes = ["dotnet10", "dotnet8"];

    // C# keywords cannot be namespaces, and a namespace named like its class hides it.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "Function",
    };

    /// <summary>Checks <paramref name="name"/> as a function name (AWS's rules, starting with a letter); returns its C# namespace.</summary>
    public static string Namespace(string name)
    {
        if (!FunctionName().IsMatch(name))
        {
            throw new CliException($"'{name}' cannot be a function name: use up to 64 letters, digits, '-' and '_', starting with a letter.");
        }
        var identifier = name.Replace('-', '_');
        return Reserved.Contains(identifier) ? "_" + identifier : identifier;
    }

    /// <summary>Writes the function's folder; returns the files created, relative to <paramref name="destination"/>.</summary>
    public static IReadOnlyList<string> Create(FulmenCheckout checkout, string name, string trigger, string runtime, string destination)
    {
        var replacements = new List<(string Token, string Value)>
        {
            // Longest first: the other tokens start with "FulmenTemplate".
            ("FulmenTemplateNamespace", Namespace(name)),
            ("FulmenTemplatePackages", SecurityElement.Escape(checkout.Packages)),
            ("FulmenTemplate", name),
        };
        if (runtime == "dotnet8")
        {
            replacements.Add(("<TargetFramework>net10.0</TargetFramework>", "<TargetFramework>net8.0</TargetFramework>"));
            replacements.Add(("\"dotnet10\"", "\"dotnet8\""));
        }
        var layers = new[] { Path.Combine(checkout.Templates, "common"), Path.Combine(checkout.Templates, trigger) };
        if (layers.FirstOrDefault(layer => !Directory.Exists(layer)) is { } missing)
        {
            throw new CliException($"the template folder {missing} is missing from the Fulmen checkout.");
        }
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            throw new CliException($"{destination} already exists and is not empty: choose another name or --output.");
        }
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var file in Directory.EnumerateFiles(layer, "*", SearchOption.AllDirectories))
            {
                // A trigger's file replaces the common one at the same place.
                files[Replace(Path.GetRelativePath(layer, file), replacements)] = file;
            }
        }
        foreach (var (relative, template) in files)
        {
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, Replace(File.ReadAllText(template), replacements));
        }
        return [.. files.Keys];
    }

    private static string Replace(string text, List<(string Token, string Value)> replacements)
    {
        foreach (var (token, value) in replacements)
        {
            text = text.Replace(token, value, StringComparison.Ordinal);
        }
        return text;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex FunctionName();
}
