namespace Fulmen.Storage.Code;

/// <summary>What unpacking one package may still spend: bytes written against the unzipped limit, and time.</summary>
internal sealed class UnpackBudget(long maxBytes, CancellationToken deadline, CancellationToken caller)
{
    private long _written;

    /// <summary>Between entries: an empty file costs no bytes, but still time.</summary>
    public void Check() => Spend(0, overDeclared: false);

    /// <summary>Counts <paramref name="bytes"/> more; <paramref name="overDeclared"/> when an entry has grown past the size it declares.</summary>
    public void Spend(int bytes, bool overDeclared)
    {
        caller.ThrowIfCancellationRequested();
        _written += bytes;
        if (_written > maxBytes)
        {
            throw InvalidCodePackageException.UnzippedTooLarge(maxBytes);
        }
        if (overDeclared || deadline.IsCancellationRequested)
        {
            throw InvalidCodePackageException.Unreadable();
        }
    }
}
