namespace Reconciler.Integration.Tests.Faults;

/// <summary>
/// The fault and crash tests keep both cores busy for minutes (an apply per crash point, an
/// apply under throttling): they run alone, after the parallel tests, so they neither starve the
/// tests that assert a bound in time nor are slowed by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Fault and crash tests";
}
