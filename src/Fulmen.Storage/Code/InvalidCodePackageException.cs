namespace Fulmen.Storage.Code;

/// <summary>The uploaded zip cannot be used; the message is the one AWS gives.</summary>
public sealed class InvalidCodePackageException(string message, bool tooLarge = false) : Exception(message)
{
    /// <summary>True when the package is over a size limit (AWS answers 413 for the zipped limit).</summary>
    public bool TooLarge { get; } = tooLarge;
}
