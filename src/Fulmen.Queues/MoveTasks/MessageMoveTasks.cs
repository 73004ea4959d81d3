using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Storage.Documents;
using Fulmen.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Queues.MoveTasks;

/// <summary>Why a task could not start: SQS's error, raised by the API in the request's protocol.</summary>
public enum MoveTaskRefusal
{
    None,
    AlreadyRunning,
}

/// <summary>
/// Message move tasks (StartMessageMoveTask): their records, one background run per active task, cancellation. Tasks
/// are documents, so after a restart they are listed as they were and a task that was running resumes (it moves only
/// messages that were in the source when it started, so resuming moves nothing it should not).
/// </summary>
public sealed partial class MessageMoveTasks(
    IDocumentStore documents, QueueCatalog catalog, IQueueStore store, QueueMessages messages, AwsAccount account,
    TimeProvider time, ILogger<MessageMoveTasks> logger) : BackgroundService
{
    /// <summary>SQS lists at most the 10 most recent tasks of a source; older finished ones are dropped.</summary>
    private const int Kept = 10;

    private readonly DocumentView<MoveTaskRecord, MoveTaskRecord> _tasks =
        new(new DocumentCollection<MoveTaskRecord>(documents, "sqs-move-task", MoveTasksJsonContext.Default.MoveTaskRecord), static (record, _) => record);

    private readonly Dictionary<string, (Task Run, CancellationTokenSource Cancel)> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before requests arrive, so ListMessageMoveTasks and the one-task-per-source rule see stored tasks.
        await _tasks.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Resumes the tasks that were active when the server stopped.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var task in _tasks.Entries.Where(t => MoveTaskStatus.IsActive(t.Status)))
        {
            Launch(task);
        }
        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] runs;
        lock (_running)
        {
            runs = [.. _running.Values.Select(r => r.Run)];
        }
        await Task.WhenAll(runs).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await base.StopAsync(cancellationToken);
    }

    /// <summary>The queue an ARN of this account and region names, if it exists.</summary>
    public QueueRecord? QueueOf(string arn) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "sqs" && arn == QueueArn(parsed.Resource) ? catalog.Find(parsed.Resource) : null;

    public string QueueArn(string name) => account.Arn("sqs", name).ToString();

    /// <summary>Starts moving the messages now in <paramref name="source"/>; the task's handle, or why it was refused.</summary>
    public async Task<(string? Handle, MoveTaskRefusal Refusal)> StartTaskAsync(QueueRecord source, string? destinationArn, int? rate, CancellationToken cancellationToken)
    {
        var sourceArn = QueueArn(source.Name);
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_tasks.Entries.Any(t => t.SourceArn == sourceArn && MoveTaskStatus.IsActive(t.Status)))
            {
                return (null, MoveTaskRefusal.AlreadyRunning);
            }
            var counts = await store.CountAsync(source.StoreKey, cancellationToken);
            var task = new MoveTaskRecord
            {
                TaskId = Guid.NewGuid().ToString(),
                SourceArn = sourceArn,
                DestinationArn = destinationArn,
                MaxNumberOfMessagesPerSecond = rate,
                Status = MoveTaskStatus.Running,
                ToMove = counts.Visible,
                StartedTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            await _tasks.ChangeAsync(task.TaskId, _ => DocumentChange.Put(task, true), cancellationToken);
            await ForgetOldAsync(sourceArn);
            Launch(task);
            return (new TaskHandleText(task.TaskId, sourceArn).Encode(), MoveTaskRefusal.None);
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>The most recent tasks of a source, newest first.</summary>
    public IReadOnlyList<MoveTaskRecord> List(string sourceArn, int max) =>
        [.. Of(sourceArn).Take(max)];

    /// <summary>Asks a running task to stop; its count of moved messages, or null when no such task is running.</summary>
    public async Task<long?> CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        var (task, cancelled) = await _tasks.ChangeAsync(taskId, current => current?.Status == MoveTaskStatus.Running
            ? DocumentChange.Put(current with { Status = MoveTaskStatus.Cancelling }, true)
            : DocumentChange.Keep<MoveTaskRecord, bool>(false), cancellationToken);
        if (!cancelled || task is null)
        {
            return null;
        }
        lock (_running)
        {
            if (_running.TryGetValue(taskId, out var run))
            {
                run.Cancel.Cancel();
            }
        }
        return task.Moved;
    }

    public MoveTaskRecord? Find(string taskId) => _tasks.Find(taskId);

    private IEnumerable<MoveTaskRecord> Of(string sourceArn) => _tasks.Entries
        .Where(t => t.SourceArn == sourceArn)
        .OrderByDescending(t => t.StartedTimestamp).ThenByDescending(t => MoveTaskStatus.IsActive(t.Status));

    private async Task ForgetOldAsync(string sourceArn)
    {
        foreach (var old in Of(sourceArn).Skip(Kept).Where(t => !MoveTaskStatus.IsActive(t.Status)).ToList())
        {
            await _tasks.ChangeAsync(old.TaskId, _ => DocumentChange.Delete<MoveTaskRecord, bool>(true));
        }
    }

    private void Launch(MoveTaskRecord task)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (task.Status == MoveTaskStatus.Cancelling)
        {
            cancel.Cancel(); // cancelled before a restart: it ends at once, as CANCELLED
        }
        lock (_running)
        {
            var run = Task.Run(() => RunAsync(task, cancel.Token));
            _running[task.TaskId] = (run, cancel);
            _ = run.ContinueWith(_ =>
            {
                lock (_running)
                {
                    _running.Remove(task.TaskId);
                }
                cancel.Dispose();
            }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(MoveTaskRecord task, CancellationToken cancellationToken)
    {
        var run = new MoveTaskRun(task, this, store, messages, time);
        (string Status, string? Reason) end;
        try
        {
            end = await run.MoveAsync(cancellationToken);
        }
        catch (Exception e)
        {
            LogTaskFailed(e, task.TaskId, task.SourceArn);
            end = (MoveTaskStatus.Failed, "InternalError");
        }
        // RUNNING: the server is stopping; the count so far is kept and the task resumes when it starts again.
        await SaveAsync(task.TaskId, run.Moved, end.Status == MoveTaskStatus.Running ? null : end.Status, end.Reason);
    }

    /// <summary>Records progress (and, once it ends, the task's final status); a cancel asked for meanwhile is kept.</summary>
    internal Task SaveAsync(string taskId, long moved, string? status = null, string? reason = null) =>
        _tasks.ChangeAsync(taskId, current => current is null
            ? DocumentChange.Keep<MoveTaskRecord, bool>(false)
            : DocumentChange.Put(current with
            {
                Moved = moved,
                Status = status ?? current.Status,
                FailureReason = status == MoveTaskStatus.Failed ? reason : null,
            }, true));

    [LoggerMessage(LogLevel.Warning, "Message move task {TaskId} from {SourceArn} failed.")]
    private partial void LogTaskFailed(Exception exception, string taskId, string sourceArn);
}
