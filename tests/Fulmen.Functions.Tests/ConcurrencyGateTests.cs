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

    [Fact]
    public void TryEnter_UnreservedFunctionWithProvisioned_ClaimsItFromTheSharedPool()
    {
        var gate = new ConcurrencyGate(new LambdaOptions { AccountConcurrency = 5 });
        gate.SetProvisioned("p", 3, reserved: false);
        Assert.Equal(5, gate.UnreservedLimit);
        Assert.Equal(2, gate.OnDemandLimit);

        // Others share the two on-demand slots; p runs three on its claim, then spills into what is left.
        Assert.True(gate.TryEnter("a", null, out _));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(gate.TryEnter("p", null, out _));
        }
        Assert.True(gate.TryEnter("p", null, out _));
        Assert.False(gate.TryEnter("p", null, out var reason));
        Assert.Equal("ConcurrentInvocationLimitExceeded", reason);
        Assert.False(gate.TryEnter("b", null, out _));

        // Whichever of p's invocations ends first gives back the shared slot its spill took.
        gate.Exit("p", null);
        Assert.True(gate.TryEnter("b", null, out _));
        for (var i = 0; i < 3; i++)
        {
            gate.Exit("p", null);
        }
        gate.Exit("a", null);
        gate.Exit("b", null);
        gate.SetProvisioned("p", 0, reserved: false);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(gate.TryEnter(i % 2 == 0 ? "p" : "c", null, out _));
        }
        Assert.False(gate.TryEnter("c", null, out _));
    }

    [Fact]
    public void Exit_EnteredBeforeProvisionedWasSet_GivesBackItsSharedSlot()
    {
        var gate = new ConcurrencyGate(new LambdaOptions { AccountConcurrency = 2 });
        Assert.True(gate.TryEnter("p", null, out _));
        gate.SetProvisioned("p", 1, reserved: false);
        gate.Exit("p", null);

        // Nothing leaked: one on-demand slot and p's claim are free again.
        Assert.True(gate.TryEnter("a", null, out _));
        Assert.True(gate.TryEnter("p", null, out _));
        Assert.False(gate.TryEnter("b", null, out _));
    }
}
