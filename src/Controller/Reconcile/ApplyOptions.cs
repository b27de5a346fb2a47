using Reconciler.Controller.Reconcile.Guards;

namespace Reconciler.Controller.Reconcile;

/// <summary>How one apply runs.</summary>
internal sealed record ApplyOptions
{
    /// <summary>Guard rails switched off on purpose.</summary>
    public GuardOverrides Overrides { get; init; } = new();

    /// <summary>
    /// Whether drift under an <c>alert</c> policy is left alone. The daemon honours the policy;
    /// an explicit <c>reconciler apply</c> is a person asking for AWS to match the documents,
    /// so it corrects drift whatever the policy.
    /// </summary>
    public bool HonourDriftPolicy { get; init; }

    /// <summary>
    /// Whether a kind whose observes failed waits out its backoff (<see cref="State.ObserveBackoff"/>)
    /// before it is observed again. Defaults to <see cref="HonourDriftPolicy"/>: the daemon, which
    /// runs every cycle, backs off; a person's explicit apply tries again at once.
    /// </summary>
    public bool HonourBackoff
    {
        get => _honourBackoff ?? HonourDriftPolicy;
        init => _honourBackoff = value;
    }

    private readonly bool? _honourBackoff;
}
