using System.Text;
using Fulmen.Execution.Environments;
using Fulmen.Functions.Api;
using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Polling;
using Fulmen.Functions.Invocation;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>SQS's failure rules: what is deleted and what comes back, for each way an invocation can end.</summary>
public sealed class BatchVerdictTests
{
    private static readonly SourceRecord[] Batch = [Record("a"), Record("b"), Record("c")];

    private static SourceRecord Record(string id) => new() { Id = id, ReceiptHandle = "rh-" + id, Body = "x", Md5OfBody = "m" };

    private static InvokeResult Ran(string payload, bool functionError = false) => new("req", new InvocationOutcome
    {
        IsFunctionError = functionError,
        Payload = Encoding.UTF8.GetBytes(payload),
        ExecutedVersion = "$LATEST",
    }, null);

    [Fact]
    public void Success_WithoutPartialResponses_DeletesTheBatch()
    {
        var verdict = BatchVerdict.Judge(Batch, Ran("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"}]}"), reportBatchItemFailures: false);
        Assert.Equal(BatchOutcome.Succeeded, verdict.Outcome);
        Assert.Equal(["a", "b", "c"], verdict.Delete.Select(r => r.Id));
    }

    [Fact]
    public void FunctionError_KeepsTheBatch()
    {
        var verdict = BatchVerdict.Judge(Batch, Ran("{\"errorMessage\":\"boom\"}", functionError: true), reportBatchItemFailures: true);
        Assert.Equal(BatchOutcome.Failed, verdict.Outcome);
        Assert.Empty(verdict.Delete);
        Assert.Equal(3, verdict.Keep.Count);
    }

    [Fact]
    public void Throttle_KeepsTheBatch_AsThrottled()
    {
        var verdict = BatchVerdict.Judge(Batch, InvokeResult.Failed("req", LambdaError.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded")), false);
        Assert.Equal(BatchOutcome.Throttled, verdict.Outcome);
        Assert.Empty(verdict.Delete);
    }

    [Fact]
    public void FunctionMissing_KeepsTheBatch_AsFailed()
    {
        var verdict = BatchVerdict.Judge(Batch, InvokeResult.Failed("req", LambdaError.FunctionNotFound("arn")), false);
        Assert.Equal(BatchOutcome.Failed, verdict.Outcome);
    }

    [Fact]
    public void PartialResponse_DeletesAllButTheListed()
    {
        var verdict = BatchVerdict.Judge(Batch, Ran("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}"), reportBatchItemFailures: true);
        Assert.Equal(BatchOutcome.PartiallyFailed, verdict.Outcome);
        Assert.Equal(["a", "c"], verdict.Delete.Select(r => r.Id));
        Assert.Equal(["b"], verdict.Keep.Select(r => r.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"batchItemFailures\":null}")]
    [InlineData("{\"batchItemFailures\":[]}")]
    public void PartialResponse_EmptyOrNull_IsSuccess(string payload)
    {
        var verdict = BatchVerdict.Judge(Batch, Ran(payload), reportBatchItemFailures: true);
        Assert.Equal(BatchOutcome.Succeeded, verdict.Outcome);
        Assert.Equal(3, verdict.Delete.Count);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("\"done\"")]
    [InlineData("{\"batchItemFailures\":{}}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}")]
    [InlineData("{\"batchItemFailures\":[{\"id\":\"a\"}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"zzz\"}]}")]
    [InlineData("{\"batchItemFailures\":[\"a\"]}")]
    public void PartialResponse_Invalid_FailsTheWholeBatch(string payload)
    {
        var verdict = BatchVerdict.Judge(Batch, Ran(payload), reportBatchItemFailures: true);
        Assert.Equal(BatchOutcome.Failed, verdict.Outcome);
        Assert.Empty(verdict.Delete);
        Assert.Equal(3, verdict.Keep.Count);
    }
}
