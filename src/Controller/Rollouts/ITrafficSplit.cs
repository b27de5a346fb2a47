namespace Reconciler.Controller.Rollouts;

/// <summary>
/// The two sides of a runtime and the weight between them, as the rollout engine moves it: an ALB
/// listener forwarding to two target groups (<see cref="AlbTrafficSplit"/>), or a Lambda alias
/// routing between two function versions (<see cref="AliasTrafficSplit"/>). The engine's state
/// names the sides (<see cref="RolloutState.StableSide"/> blue, <see cref="RolloutState.CandidateSide"/>
/// green) in the runtime's own terms; everything runtime-specific happens behind this interface,
/// so the state machine is one for all runtimes.
/// </summary>
internal interface ITrafficSplit
{
    /// <summary>The runtime's member name in the document (<c>alb</c>, <c>lambda</c>), recorded with the rollout.</summary>
    string Kind { get; }

    /// <summary>Where the weights are read back from, for status messages ("the listener", "the alias").</summary>
    string Where { get; }

    /// <summary>The sides and green's share as the runtime holds them when a service is first seen.</summary>
    Task<(string Blue, string Green, int GreenWeight)> FirstSightAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes green ready to serve the state's target before <paramref name="greenWeight"/> is
    /// written, and returns the state as recorded after it. Idempotent: a resumed leader calling it
    /// again acts only on what is not done yet. Any step it records goes through
    /// <paramref name="writer"/> (fenced) before it acts.
    /// </summary>
    Task<RolloutState> PrepareGreenAsync(RolloutWriter writer, RolloutState state, int greenWeight, CancellationToken cancellationToken);

    /// <summary>Writes blue 100 − <paramref name="green"/> and green <paramref name="green"/> as absolute values.</summary>
    Task WriteAsync(RolloutState state, int green, CancellationToken cancellationToken);

    /// <summary>Green's share in percent as the runtime holds it now; null when the runtime routes to neither side as the state says.</summary>
    Task<int?> ReadGreenAsync(RolloutState state, CancellationToken cancellationToken);

    /// <summary>Where green's metrics are published, for the analysis.</summary>
    MetricSource Metrics(RolloutState state);
}
