using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Bench;

/// <summary>
/// The ceiling: the service's own session run in a loop on inputs allocated once. For a graph with a batch fixed at
/// 1 a "batch" is that many runs over slices of one buffer, exactly as the service does it.
/// </summary>
internal static class RawRunner
{
    public static CaseResult Run(LoadedModel model, Workload workload, int batch)
    {
        var data = workload.Data(batch);
        var perItem = model.Signature.OneItemPerRun;
        var runs = perItem ? batch : 1;
        var inputShape = workload.ItemShape.Select(d => (long)d).ToArray();
        if (!perItem)
        {
            inputShape[0] = batch;
        }

        var inputs = new OrtValue[runs];
        var elements = data.Length / runs;
        for (var r = 0; r < runs; r++)
        {
            inputs[r] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(data, r * elements, elements), inputShape);
        }

        try
        {
            for (var warm = 0; warm < (perItem ? 1 : 20); warm++)
            {
                Once(model, inputs);
            }

            var latencies = new List<double>();
            var started = Stopwatch.GetTimestamp();
            while (workload.MayStart(latencies.Count + 1, Stopwatch.GetElapsedTime(started)))
            {
                var t = Stopwatch.GetTimestamp();
                Once(model, inputs);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return new CaseResult(workload.Model, "raw Run", batch, 1, latencies.Count, seconds, new LatencyStats(latencies), null);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    private static void Once(LoadedModel model, OrtValue[] inputs)
    {
        foreach (var input in inputs)
        {
            using var outputs = model.Session.Run(model.RunOptions, model.InputNames, [input], model.OutputNames);
        }
    }
}
