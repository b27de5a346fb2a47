namespace Reconciler.Controller.Rollouts;

/// <summary>
/// One inference service's rollout as the state table keeps it (item <c>rollout#NAME</c> of the
/// stack's partition): everything needed to resume at the same step with the same deadline after
/// a crash or a failover. Blue is <see cref="StableSide"/>, green <see cref="CandidateSide"/>;
/// a finished rollout swaps them.
/// </summary>
public sealed record RolloutState
{
    /// <summary>The InferenceService document.</summary>
    public required string Service { get; init; }

    public required RolloutPhase Phase { get; init; }

    /// <summary>The step in progress (index into the strategy's steps); the step count once all are done.</summary>
    public int Step { get; init; }

    /// <summary>How many steps the strategy had when the rollout started (for status).</summary>
    public int StepCount { get; init; }

    /// <summary>The runtime member ALB.</summary>
    public const string AlbRuntime = "alb";

    /// <summary>The runtime member Lambda.</summary>
    public const string LambdaRuntime = "lambda";

    /// <summary>The runtime the sides belong to: <c>alb</c> (items written before Lambda existed have none: alb) or <c>lambda</c>.</summary>
    public string Runtime { get; init; } = AlbRuntime;

    /// <summary>The side serving as blue (the stable version): a TargetGroup document on an ALB, a function version number on a Lambda alias.</summary>
    public required string StableSide { get; init; }

    /// <summary>The side serving as green (the version rolling out), in the same terms; empty while a Lambda rollout has published no green yet.</summary>
    public required string CandidateSide { get; init; }

    /// <summary>
    /// The model label green is being readied for (a Lambda version being published), recorded
    /// before the runtime acts: the record is a fenced write, so a stale leader is refused before
    /// it touches Lambda. Publishing itself looks for a version already published for the label
    /// first, so a leader resuming after a crash here publishes nothing twice.
    /// </summary>
    public string? PreparingGreenFor { get; init; }

    /// <summary>The model label <see cref="CandidateSide"/> was readied for (a Lambda version published with it); null when none.</summary>
    public string? GreenPreparedFor { get; init; }

    /// <summary>The version blue serves.</summary>
    public required ModelRef Stable { get; init; }

    /// <summary>The version rolling out on green; null when nothing is.</summary>
    public ModelRef? Target { get; init; }

    /// <summary>The revision (commit) that asked for the target.</summary>
    public string? Revision { get; init; }

    /// <summary>Green's share of the traffic in percent, as last written and read back.</summary>
    public int GreenWeight { get; init; }

    /// <summary>
    /// A weight written (or about to be) but not read back yet: the first thing a resumed leader
    /// does is write these same absolute values again and read them back, so nothing moves twice.
    /// </summary>
    public int? PendingGreenWeight { get; init; }

    /// <summary>When the current step began.</summary>
    public DateTimeOffset? StepStartedAt { get; init; }

    /// <summary>When the current pause ends; null for a pause until promoted.</summary>
    public DateTimeOffset? PauseDeadline { get; init; }

    /// <summary>The measurements of the rollout so far (kept on abort: the alert carries the failing ones).</summary>
    public IReadOnlyList<Measurement> Analysis { get; init; } = [];

    /// <summary>The last thing that happened, in words.</summary>
    public string Message { get; init; } = "";

    /// <summary>An abort's alert not yet sent.</summary>
    public bool AlertPending { get; init; }

    /// <summary>Grows by one on every write; each write is conditional on the one read.</summary>
    public long Sequence { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A side as people read it: a target group document, or a function version.</summary>
    public string DescribeSide(string side) => Runtime == LambdaRuntime ? $"fn version {side}" : side;

    /// <summary>Blue's share in percent.</summary>
    public int BlueWeight => 100 - GreenWeight;
}
