namespace Fulmen.Storage.Code;

/// <summary>The uploaded zip cannot be used; the message is the one AWS gives.</summary>
public sealed class InvalidCodePackageException(string message, bool tooLarge = false) : Exception(message)
{
    /// <summary>True when the package is over a size limit (AWS answers 413 for the zipped limit).</summary>
    public bool TooLarge { get; } = tooLarge;

    /// <summary>AWS's answer for every zip it cannot read or unpack: corrupt, hostile or not a zip at all.</summary>
    public static InvalidCodePackageException Unreadable() =>
        new("Could not unzip uploaded file. Please check your file, then try to upload again.");

    /// <summary>AWS's answer for a zip without entries.</summary>
    public static InvalidCodePackageException Empty() => new("Uploaded file must be a non-empty zip");

    public static InvalidCodePackageException ZippedTooLarge(long maxBytes) =>
        new($"Zipped size must be smaller than {maxBytes} bytes", tooLarge: true);

    public static InvalidCodePackageException UnzippedTooLarge(long maxBytes) =>
        new($"Unzipped size must be smaller than {maxBytes} bytes");

    /// <summary>Fulmen's own bound (AWS documents none), worded as AWS words its size limits.</summary>
    public static InvalidCodePackageException TooManyEntries(int maxEntries) =>
        new($"Uploaded file must contain at most {maxEntries} entries (files and directories)");
}
