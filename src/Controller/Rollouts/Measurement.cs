namespace Reconciler.Controller.Rollouts;

/// <summary>One measurement of one analysis metric, as the state table, /status and alerts carry it.</summary>
public sealed record Measurement
{
    /// <summary>The metric's name in the document.</summary>
    public required string Metric { get; init; }

    /// <summary>The analysis step (index into the strategy's steps) it belongs to.</summary>
    public required int Step { get; init; }

    /// <summary>The end of the window measured; the window is the metric's interval before it.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The value read; null when CloudWatch had no data.</summary>
    public double? Value { get; init; }

    /// <summary>The bound the value had to keep.</summary>
    public required double Threshold { get; init; }

    /// <summary>above or below: which side of the threshold fails.</summary>
    public required string FailWhen { get; init; }

    /// <summary>passed, failed or inconclusive (no data: never counts towards advancing).</summary>
    public required string Outcome { get; init; }

    /// <summary>What was read, in words (e.g. "12 of 100 requests answered 5xx").</summary>
    public string Detail { get; init; } = "";

    /// <summary>The outcome of a passing measurement.</summary>
    public const string Passed = "passed";

    /// <summary>The outcome of a failing measurement.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome of a measurement without data.</summary>
    public const string Inconclusive = "inconclusive";
}
