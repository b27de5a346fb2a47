namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Where a runtime's green side publishes its own metrics, for the analysis: the namespace, the
/// metric names of the built-in measures and green's dimensions, plus the placeholders a
/// <c>query</c> metric's dimension values may use.
/// </summary>
/// <param name="Namespace">AWS/ApplicationELB or AWS/Lambda.</param>
/// <param name="Requests">What counts green's requests (RequestCount, Invocations).</param>
/// <param name="Errors">What counts green's failed requests (HTTPCode_Target_5XX_Count, Errors).</param>
/// <param name="Latency">Green's response time (TargetResponseTime, Duration).</param>
/// <param name="LatencyToSeconds">What one unit of <paramref name="Latency"/> is in seconds (1, 0.001 for milliseconds), so thresholds are seconds on every runtime.</param>
/// <param name="GreenDimensions">Green's dimensions, name and value.</param>
/// <param name="Placeholders">Placeholders (<c>{greenTargetGroup}</c>, <c>{greenVersion}</c>...) and their values.</param>
/// <param name="Green">Green in words, for measurement details.</param>
/// <param name="Counted">How details name what <paramref name="Requests"/> and <paramref name="Errors"/> count ("requests", "answered 5xx").</param>
internal sealed record MetricSource(
    string Namespace,
    string Requests,
    string Errors,
    string Latency,
    double LatencyToSeconds,
    IReadOnlyList<KeyValuePair<string, string>> GreenDimensions,
    IReadOnlyDictionary<string, string> Placeholders,
    string Green,
    (string Requests, string Errors) Counted)
{
    /// <summary><paramref name="value"/> with every placeholder replaced.</summary>
    public string Fill(string value) =>
        Placeholders.Aggregate(value, (text, p) => text.Replace(p.Key, p.Value, StringComparison.Ordinal));
}
