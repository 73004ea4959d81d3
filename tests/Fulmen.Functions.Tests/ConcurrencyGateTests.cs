using Fulmen.Functions.Concurrency;

namespace Fulmen.Functions.Tests;

public sealed class ConcurrencyGateTests
{
    [Fact]
    public void TryEnter_ReservedFunctionAtItsLimit_ThrottlesWithReservedReason()
    {
        var gate = new ConcurrencyGate(new LambdaOptions { AccountConcurrency = 10 });
        gate.SetReservation("f", 2);

        Assert.True(gate.TryEnter("f", 2, out _));
        Assert.True(gate.TryEnter("f", 2, out _));
        Assert.False(gate.TryEnter("f", 2, out var reason));
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", reason);

        gate.Exit("f", 2);
        Assert.True(gate.TryEnter("f", 2, out _));
    }

    [Fact]
    public void TryEnter_UnreservedFunctions_ShareWhatReservationsLeave()
    {
        var gate = new ConcurrencyGate(new LambdaOptions { AccountConcurrency = 5 });
        gate.SetReservation("reserved", 3);

        Assert.Equal(2, gate.UnreservedLimit);
        Assert.True(gate.TryEnter("a", null, out _));
        Assert.True(gate.TryEnter("b", null, out _));
        Assert.False(gate.TryEnter("c", null, out var reason));
        Assert.Equal("ConcurrentInvocationLimitExceeded", reason);

        gate.SetReservation("reserved", null);
        Assert.True(gate.TryEnter("c", null, out _));
    }
}
