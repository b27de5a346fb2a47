namespace Reconciler.Aws;

/// <summary>
/// The client-side request budget of one AWS service: a token bucket that refills at
/// <see cref="RequestsPerSecond"/> and holds at most <see cref="Burst"/> tokens.
/// </summary>
public sealed record AwsServiceBudget
{
    /// <summary>Steady rate, in HTTP requests (attempts) per second; positive and finite.</summary>
    public required double RequestsPerSecond { get; init; }

    /// <summary>Requests that may be sent at once after a quiet spell, before any waits; at least 1.</summary>
    public required int Burst { get; init; }

    /// <summary>Short form for logs: "20/s burst 40".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RequestsPerSecond}/s burst {Burst}");
}
