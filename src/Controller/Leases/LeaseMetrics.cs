using System.Diagnostics.Metrics;

namespace Reconciler.Controller.Leases;

/// <summary>
/// Lease transitions as a <see cref="System.Diagnostics.Metrics"/> counter: meter
/// "Reconciler.Leases", counter "reconciler_lease_transitions_total" tagged with
/// "transition" (acquired, lost, released, observed_new_leader) and "stack". An exporter
/// picks it up by meter name (OpenTelemetry: AddMeter(LeaseMetrics.MeterName)).
/// </summary>
public sealed class LeaseMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Reconciler.Leases";

    /// <summary>The counter's name.</summary>
    public const string TransitionsName = "reconciler_lease_transitions_total";

    private readonly Counter<long> _transitions;

    /// <summary>Creates the counter on a meter from <paramref name="meterFactory"/> (DI), or on a meter of its own.</summary>
    public LeaseMetrics(IMeterFactory? meterFactory = null)
    {
        // A meter of its own lives as long as the process; with a factory, the factory owns it.
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _transitions = Meter.CreateCounter<long>(TransitionsName, "{transition}", "Changes of who leads a stack, by kind of change.");
    }

    /// <summary>The one instance used when an elector is given none.</summary>
    public static LeaseMetrics Shared { get; } = new();

    /// <summary>The meter the counter is on (tests listen to this instance only).</summary>
    public Meter Meter { get; }

    /// <summary>Counts one transition of <paramref name="stack"/>'s lease.</summary>
    public void Record(LeaseTransition transition, string stack) =>
        _transitions.Add(1, new KeyValuePair<string, object?>("transition", TagOf(transition)), new KeyValuePair<string, object?>("stack", stack));

    /// <summary>The tag value of a transition (snake case, as Prometheus labels are usually written).</summary>
    public static string TagOf(LeaseTransition transition) => transition switch
    {
        LeaseTransition.Acquired => "acquired",
        LeaseTransition.Lost => "lost",
        LeaseTransition.Released => "released",
        LeaseTransition.ObservedNewLeader => "observed_new_leader",
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "Unknown lease transition."),
    };
}
