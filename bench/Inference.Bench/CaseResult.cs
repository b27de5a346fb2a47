namespace Reconciler.Inference.Bench;

/// <summary>One measured case: how many items went through in how long, and the latency of each call.</summary>
internal sealed record CaseResult(string Model, string Mode, int Batch, int Concurrency, int Calls, double Seconds, LatencyStats Latency, LatencyStats? Overhead)
{
    /// <summary>Mean time per request inside the server beyond the model run (from the service's metrics), in µs.</summary>
    public double? ServerOverheadMicroseconds { get; init; }

    public double ItemsPerSecond => Calls * Batch / Seconds;
}
