namespace Fulmen.Storage.Documents;

public enum DocumentChangeKind { Keep, Put, Delete }

/// <summary>What a change decided to do with a document, and what it tells its caller.</summary>
public readonly record struct DocumentChange<T, TResult>(DocumentChangeKind Kind, T? Value, TResult Result) where T : class;

public static class DocumentChange
{
    public static DocumentChange<T, TResult> Put<T, TResult>(T value, TResult result) where T : class => new(DocumentChangeKind.Put, value, result);

    public static DocumentChange<T, TResult> Delete<T, TResult>(TResult result) where T : class => new(DocumentChangeKind.Delete, null, result);

    public static DocumentChange<T, TResult> Keep<T, TResult>(TResult result) where T : class => new(DocumentChangeKind.Keep, null, result);
}
