namespace Reconciler.Inference.Bench;

/// <summary>
/// Reads the service's own request and compute duration sums from its /metrics, so a phase's time inside the
/// server (request received to response written) can be told from time in the client and the loopback.
/// </summary>
internal static class ServerClock
{
    public static (double RequestSeconds, double ComputeSeconds, long Requests) Read(string metrics, string model)
    {
        var labels = $"model=\"{model}\",version=\"1\"";
        return (
            ServiceProcess.Sample(metrics, "inference_request_duration_seconds_sum", labels),
            ServiceProcess.Sample(metrics, "inference_compute_duration_seconds_sum", labels),
            (long)ServiceProcess.Sample(metrics, "inference_request_duration_seconds_count", labels));
    }
}
