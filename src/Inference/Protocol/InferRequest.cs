namespace Reconciler.Inference.Protocol;

/// <summary>A parsed inference request: its inputs in the model's order, and the outputs asked for.</summary>
internal sealed class InferRequest : IDisposable
{
    public string? Id { get; set; }

    /// <summary>The inputs, in the order the model declares them.</summary>
    public List<InferInput> Inputs { get; } = [];

    /// <summary>Inputs whose bytes follow the JSON header (binary tensor data extension), in body order, still to be filled.</summary>
    public List<InferInput> PendingBinary { get; } = [];

    /// <summary>The outputs asked for; null means all of the model's outputs.</summary>
    public List<string>? RequestedOutputs { get; set; }

    /// <summary>
    /// Outputs to answer as raw bytes after the JSON (binary tensor data extension); null when the whole answer is
    /// JSON. It changes only how the answer is written, so requests that differ in it still share a batched run.
    /// </summary>
    public IReadOnlySet<string>? BinaryOutputs { get; set; }

    /// <summary>Items in the request: the largest batch dimension among its inputs.</summary>
    public int Items
    {
        get
        {
            var items = 0;
            foreach (var input in Inputs)
            {
                items = Math.Max(items, input.Items);
            }

            return items;
        }
    }

    public void Dispose()
    {
        foreach (var input in Inputs)
        {
            input.Dispose();
        }

        Inputs.Clear();
    }
}
