namespace Fulmen.Storage.Code;

/// <summary>
/// Reading a zip fails in as many ways as a zip can be broken: System.IO.Compression reports a bad record, a bad
/// offset, a bad method or corrupt compressed data as any of these exceptions. All of them mean the same thing to the
/// caller — AWS's "could not unzip" — and are told apart from failures writing to disk by wrapping only the reads.
/// </summary>
internal static class ZipReads
{
    public static T Run<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException or OverflowException)
        {
            throw InvalidCodePackageException.Unreadable();
        }
    }
}
