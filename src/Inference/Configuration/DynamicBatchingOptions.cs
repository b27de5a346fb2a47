namespace Reconciler.Inference.Configuration;

/// <summary>Merging of concurrent small requests into one run of the model.</summary>
public sealed record DynamicBatchingOptions
{
    /// <summary>On or off. Default off: it trades a little latency for throughput, a choice per deployment.</summary>
    public bool Enabled { get; init; }

    /// <summary>Most items merged into one run. Default 64.</summary>
    public int MaxBatchItems { get; init; } = 64;

    /// <summary>Longest a request waits for companions, in microseconds. Default 500.</summary>
    public int MaxDelayMicroseconds { get; init; } = 500;
}
