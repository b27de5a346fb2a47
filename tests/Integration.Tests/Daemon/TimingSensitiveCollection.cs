namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// Tests that assert a bound in time (failover within the lease, a commit within one poll
/// interval) run alone, after the parallel ones, so a busy two-core machine does not decide
/// their outcome.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive daemon tests";
}
