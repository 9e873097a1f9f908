namespace Samverka.Web.Tests.Infrastructure;

/// <summary>Real time plus an offset the test can move forward (time-outs, expiry).</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;

    /// <summary>From now on the clock reads <paramref name="instant"/> (and runs on from there).</summary>
    public void Set(DateTimeOffset instant) => _offset = instant - base.GetUtcNow();

    public void Reset() => _offset = TimeSpan.Zero;
}
