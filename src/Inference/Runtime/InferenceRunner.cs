using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Runtime;

/// <summary>
/// Runs a parsed request on a model's shared session, with tensors over the request's pooled buffers. A request first
/// takes one of the model's <see cref="RunSlots"/> and holds it for all its runs: requests queue in arrival order
/// instead of oversubscribing the cores, and the next request's body arrives while the current one runs.
/// </summary>
internal sealed class InferenceRunner(InferenceMetrics metrics)
{
    public async Task<InferResult> RunAsync(LoadedModel model, InferRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> outputNames = request.RequestedOutputs is { } asked ? asked : model.OutputNames;
        using (await model.RunSlots.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            return model.Signature.OneItemPerRun
                ? RunOneItemAtATime(model, request, outputNames)
                : RunWhole(model, request, outputNames);
        }
    }

    /// <summary>For callers with nothing running beside them: the warm-up check and tests.</summary>
    public InferResult Run(LoadedModel model, InferRequest request) =>
        RunAsync(model, request, CancellationToken.None).GetAwaiter().GetResult();

    private InferResult RunWhole(LoadedModel model, InferRequest request, IReadOnlyList<string> outputNames)
    {
        var inputs = new OrtValue[request.Inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var input = request.Inputs[i];
                inputs[i] = input.Buffer.CreateOrtValue(input.Shape, 0, input.Buffer.Length);
            }

            var started = Stopwatch.GetTimestamp();
            var values = model.Session.Run(model.RunOptions, model.InputNames, inputs, outputNames);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.ObserveRun(model.Name, model.Version, elapsed, request.Items);
            return InferResult.Single(InferResult.Whole(outputNames, values.ToArray()), [values], elapsed);
        }
        finally
        {
            DisposeAll(inputs);
        }
    }

    /// <summary>
    /// For graphs whose batch dimension is fixed at 1: each item runs on a slice of the input buffers and writes into a
    /// slice of output buffers rented for the whole request, so the answer is one contiguous tensor again.
    /// </summary>
    private InferResult RunOneItemAtATime(LoadedModel model, InferRequest request, IReadOnlyList<string> outputNames)
    {
        var items = request.Items;
        var resources = new List<IDisposable>();
        var outputs = new OutputTensor[outputNames.Count];
        var outputBuffers = new TensorBuffer[outputNames.Count];
        var outputShapes = new long[outputNames.Count][];
        try
        {
            for (var j = 0; j < outputNames.Count; j++)
            {
                var spec = model.Signature.FindOutput(outputNames[j])!;
                var perItem = checked((int)spec.Shape.Aggregate(1L, (a, d) => a * d));
                var buffer = TensorBuffer.Rent(spec.ElementType, perItem * items);
                var fullShape = (long[])spec.Shape.Clone();
                fullShape[0] = items;
                var whole = buffer.CreateOrtValue(fullShape, 0, buffer.Length);
                resources.Add(whole);
                resources.Add(buffer);
                outputBuffers[j] = buffer;
                outputShapes[j] = spec.Shape;
                outputs[j] = new OutputTensor(outputNames[j], whole, fullShape, 0, buffer.Length);
            }

            var inputShapes = request.Inputs.Select(i => ItemShape(i.Shape)).ToArray();
            var started = Stopwatch.GetTimestamp();
            for (var item = 0; item < items; item++)
            {
                RunItem(model, request, inputShapes, outputNames, outputBuffers, outputShapes, item, items);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.ObserveRun(model.Name, model.Version, elapsed, items);
            return InferResult.Single(outputs, resources, elapsed);
        }
        catch
        {
            resources.ForEach(r => r.Dispose());
            throw;
        }
    }

    private static void RunItem(
        LoadedModel model, InferRequest request, long[][] inputShapes, IReadOnlyList<string> outputNames,
        TensorBuffer[] outputBuffers, long[][] outputShapes, int item, int items)
    {
        var inputs = new OrtValue[request.Inputs.Count];
        var outputs = new OrtValue[outputBuffers.Length];
        try
        {
            for (var k = 0; k < inputs.Length; k++)
            {
                var input = request.Inputs[k];
                var perItem = input.Buffer.Length / items;
                inputs[k] = input.Buffer.CreateOrtValue(inputShapes[k], item * perItem, perItem);
            }

            for (var j = 0; j < outputs.Length; j++)
            {
                var perItem = outputBuffers[j].Length / items;
                outputs[j] = outputBuffers[j].CreateOrtValue(outputShapes[j], item * perItem, perItem);
            }

            model.Session.Run(model.RunOptions, model.InputNames, inputs, outputNames, outputs);
        }
        finally
        {
            DisposeAll(inputs);
            DisposeAll(outputs);
        }
    }

    private static long[] ItemShape(long[] shape)
    {
        var one = (long[])shape.Clone();
        one[0] = 1;
        return one;
    }

    private static void DisposeAll(OrtValue[] values)
    {
        foreach (var value in values)
        {
            value?.Dispose();
        }
    }
}
