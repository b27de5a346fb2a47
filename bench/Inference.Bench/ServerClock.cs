using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Inference.Metrics;

namespace Reconciler.Inference.Bench;

/// <summary>
/// Reads the service's own request and compute duration sums from its metrics, so a phase's time inside the
/// server (request received to response written) can be told from time in the client and the loopback.
/// </summary>
internal static partial class ServerClock
{
    public static (double RequestSeconds, double ComputeSeconds, long Requests) Read(InferenceMetrics metrics, string model)
    {
        var text = metrics.Render();
        return (Sum(text, "inference_request_duration_seconds", model), Sum(text, "inference_compute_duration_seconds", model), Count(text, model));
    }

    private static double Sum(string text, string name, string model)
    {
        var match = Regex.Match(text, name + "_sum\\{model=\"" + model + "\",version=\"1\"\\} (\\S+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static long Count(string text, string model)
    {
        var match = Regex.Match(text, "inference_request_duration_seconds_count\\{model=\"" + model + "\",version=\"1\"\\} (\\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
