namespace Reconciler.Integration.Tests.Leases;

/// <summary>One term of leadership seen by a test: its token and when (the leader's clock) it started and ended.</summary>
internal sealed class TermRecord(long token, TimeSpan startedAt)
{
    public long Token { get; } = token;

    public TimeSpan StartedAt { get; } = startedAt;

    public TimeSpan? LostAt { get; set; }
}
