namespace Fulmen.Execution.Logs;

/// <summary>
/// One item of the <see cref="LogWriter"/>'s queue: a platform line to place after <paramref name="OutputOffset"/> bytes
/// of the stream's output (<paramref name="Line"/> set); the stream's end (<paramref name="Line"/> null); or, with
/// <paramref name="Written"/>, a mark completed once everything before it is in the files.
/// </summary>
internal readonly record struct LogRecord(LogStream? Stream, long OutputOffset, string? Line, TaskCompletionSource? Written = null);
