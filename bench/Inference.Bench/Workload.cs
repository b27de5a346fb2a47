using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Reconciler.Inference.Bench;

/// <summary>
/// What a model's requests look like: its input, a JSON or binary body for a batch, and how long to run. A phase
/// makes at least MinCallsPerPhase calls even past PhaseTime: a 100-image ResNet-18 call takes over a second, and a
/// phase of two or three calls measures start-up (every client sending its first body at once), not steady state.
/// </summary>
internal sealed record Workload(string Model, string Input, int[] ItemShape, bool Binary, TimeSpan PhaseTime, int MaxCallsPerPhase, int MinCallsPerPhase = 0)
{
    /// <summary>
    /// How long light calls are made before a phase measures them (at most <see cref="LightWarmupCalls"/>). The service
    /// runs in its own process, and its tiered JIT (tier 0, instrumented, then optimized with the profile) settles only
    /// after some thousands of calls of a path: with one second, the first phase (batch 1) often measured 50–70 µs
    /// slower than the batch-32 phase after it.
    /// </summary>
    public static readonly TimeSpan LightWarmup = TimeSpan.FromSeconds(3);

    public const int LightWarmupCalls = 20_000;

    /// <summary>No phase runs longer than this past its PhaseTime, whatever its minimum call count.</summary>
    public static readonly TimeSpan MinimumCallsLimit = TimeSpan.FromSeconds(120);

    public int ItemElements => ItemShape.Aggregate(1, (a, d) => a * d);

    /// <summary>Whether a phase that has started <paramref name="calls"/> calls so far may start another.</summary>
    public bool MayStart(int calls, TimeSpan elapsed) =>
        calls <= MaxCallsPerPhase
        && (elapsed < PhaseTime || (calls <= MinCallsPerPhase && elapsed < PhaseTime + MinimumCallsLimit));

    /// <summary>Deterministic input values in the usual range of each model's features.</summary>
    public float[] Data(int batch)
    {
        var random = new Random(42 + batch);
        var data = new float[batch * ItemElements];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Model == "penguins"
                ? (i % 4) switch { 0 => 32 + (random.NextSingle() * 28), 1 => 13 + (random.NextSingle() * 8), 2 => 170 + (random.NextSingle() * 60), _ => 2700 + (random.NextSingle() * 3600) }
                : MathF.Round(random.NextSingle(), 3);
        }

        return data;
    }

    /// <summary>The request body, and the JSON header length when the binary tensor data extension is used.</summary>
    public (byte[] Body, int? HeaderLength) Body(int batch)
    {
        var data = Data(batch);
        var shape = string.Join(",", new[] { batch }.Concat(ItemShape.Skip(1)));
        if (!Binary)
        {
            var values = string.Join(",", data.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            return (Encoding.UTF8.GetBytes($$"""{"inputs":[{"name":"{{Input}}","shape":[{{shape}}],"datatype":"FP32","data":[{{values}}]}]}"""), null);
        }

        var header = Encoding.UTF8.GetBytes(
            $$$"""{"inputs":[{"name":"{{{Input}}}","shape":[{{{shape}}}],"datatype":"FP32","parameters":{"binary_data_size":{{{data.Length * 4}}}}}]}""");
        return ([.. header, .. MemoryMarshal.AsBytes(data.AsSpan())], header.Length);
    }
}
