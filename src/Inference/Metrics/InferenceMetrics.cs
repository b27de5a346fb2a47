using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Reconciler.Inference.Metrics;

/// <summary>
/// The service's metrics, written in the Prometheus text format by hand: the format is small, and this keeps
/// pre-release exporter packages out of the service.
/// </summary>
internal sealed class InferenceMetrics
{
    /// <summary>Duration buckets in seconds, from 50 µs: a tabular model runs in well under a millisecond.</summary>
    public static readonly double[] DurationBuckets =
        [0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

    /// <summary>Items per run.</summary>
    public static readonly double[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 100, 128, 256, 512];

    private readonly ConcurrentDictionary<(string Model, string Version, string Outcome), StrongBox> _requests = new();
    private readonly ConcurrentDictionary<(string Model, string Version), StrongBox> _items = new();
    private readonly ConcurrentDictionary<(string Model, string Version), Histogram> _requestSeconds = new();
    private readonly ConcurrentDictionary<(string Model, string Version), Histogram> _computeSeconds = new();
    private readonly ConcurrentDictionary<(string Model, string Version), Histogram> _batchSizes = new();
    private readonly ConcurrentDictionary<(string Model, string Version), (string Sha256, string Source)> _info = new();

    /// <summary>Records one finished inference request, whatever its outcome.</summary>
    public void ObserveRequest(string model, string version, string outcome, int items, TimeSpan duration)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((model, version, outcome), static _ => new StrongBox()).Value);
        if (outcome == Outcomes.Ok)
        {
            Interlocked.Add(ref _items.GetOrAdd((model, version), static _ => new StrongBox()).Value, items);
        }

        _requestSeconds.GetOrAdd((model, version), static _ => new Histogram(DurationBuckets)).Observe(duration.TotalSeconds);
    }

    /// <summary>Counts a request refused before it reached the model's handler (e.g. no API key).</summary>
    public void CountRefusal(string model, string version, string outcome) =>
        Interlocked.Increment(ref _requests.GetOrAdd((model, version, outcome), static _ => new StrongBox()).Value);

    /// <summary>Records one run of the model (one call into ONNX Runtime, or one merged batch).</summary>
    public void ObserveRun(string model, string version, TimeSpan duration, int items)
    {
        _computeSeconds.GetOrAdd((model, version), static _ => new Histogram(DurationBuckets)).Observe(duration.TotalSeconds);
        _batchSizes.GetOrAdd((model, version), static _ => new Histogram(BatchBuckets)).Observe(items);
    }

    /// <summary>Number of runs so far for a model version (tests use it to prove a refused request never ran).</summary>
    public long Runs(string model, string version) =>
        _computeSeconds.TryGetValue((model, version), out var h) ? h.Count : 0;

    public void SetModelInfo(string model, string version, string sha256, string source) =>
        _info[(model, version)] = (sha256, source);

    public string Render()
    {
        var text = new StringBuilder(4096);
        text.Append("# HELP inference_requests_total Inference requests by model, version and outcome.\n# TYPE inference_requests_total counter\n");
        foreach (var ((model, version, outcome), box) in _requests.OrderBy(e => e.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"inference_requests_total{{model=\"{Escape(model)}\",version=\"{Escape(version)}\",outcome=\"{outcome}\"}} {Interlocked.Read(ref box.Value)}\n");
        }

        text.Append("# HELP inference_items_total Items inferred successfully.\n# TYPE inference_items_total counter\n");
        foreach (var ((model, version), box) in _items.OrderBy(e => e.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"inference_items_total{{model=\"{Escape(model)}\",version=\"{Escape(version)}\"}} {Interlocked.Read(ref box.Value)}\n");
        }

        WriteHistograms(text, "inference_request_duration_seconds", "Time from request received to response written.", _requestSeconds);
        WriteHistograms(text, "inference_compute_duration_seconds", "Time inside ONNX Runtime per run.", _computeSeconds);
        WriteHistograms(text, "inference_batch_size", "Items per run of the model.", _batchSizes);

        text.Append("# HELP inference_model_info The model versions loaded, with their checksum and source.\n# TYPE inference_model_info gauge\n");
        foreach (var ((model, version), (sha, source)) in _info.OrderBy(e => e.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"inference_model_info{{model=\"{Escape(model)}\",version=\"{Escape(version)}\",sha256=\"{sha}\",source=\"{Escape(source)}\"}} 1\n");
        }

        ProcessMetrics.Append(text);
        return text.ToString();
    }

    private static void WriteHistograms(StringBuilder text, string name, string help, ConcurrentDictionary<(string Model, string Version), Histogram> histograms)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
        foreach (var ((model, version), histogram) in histograms.OrderBy(e => e.Key))
        {
            var labels = $"model=\"{Escape(model)}\",version=\"{Escape(version)}\"";
            var cumulative = histogram.Cumulative();
            for (var i = 0; i < histogram.Bounds.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{histogram.Bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {cumulative[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {cumulative[^1]}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {histogram.Sum.ToString("R", CultureInfo.InvariantCulture)}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {histogram.Count}\n");
        }
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
