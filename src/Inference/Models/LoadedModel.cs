using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Models;

/// <summary>A model version ready to run: one <see cref="InferenceSession"/> shared by every request (its Run is thread-safe).</summary>
internal sealed class LoadedModel : IDisposable
{
    /// <summary>Takes ownership of <paramref name="session"/>.</summary>
    /// <param name="name">The model name in routes.</param>
    /// <param name="version">The version label reported in responses.</param>
    /// <param name="session">The session every request shares.</param>
    /// <param name="sha256">SHA-256 of the loaded .onnx bytes.</param>
    /// <param name="source">Where the bytes came from.</param>
    /// <param name="runSlots">Runs allowed at once (see <see cref="Models.RunSlots"/>); 1 unless the session's threads leave cores free.</param>
    public LoadedModel(string name, string version, InferenceSession session, string sha256, string source, int runSlots = 1)
    {
        RunSlots = new RunSlots(runSlots);
        Name = name;
        Version = version;
        Session = session;
        Sha256 = sha256;
        Source = source;
        OutputAnnotations annotations;
        try
        {
            annotations = OutputAnnotations.From(session.ModelMetadata.CustomMetadataMap);
            Fault = SandboxFault.From(session.ModelMetadata.CustomMetadataMap);
        }
        catch
        {
            RunSlots.Dispose();
            session.Dispose();
            throw;
        }

        Signature = new ModelSignature(
            session.InputMetadata.Select(m => Spec(m.Key, m.Value)).ToArray(),
            session.OutputMetadata
                .Where(m => !annotations.Hidden.Contains(m.Key))
                .Select(m => Spec(m.Key, m.Value) with { Labels = annotations.Labels.GetValueOrDefault(m.Key) })
                .ToArray());
        InputNames = Signature.Inputs.Select(i => i.Name).ToArray();
        OutputNames = Signature.Outputs.Select(o => o.Name).ToArray();
    }

    public string Name { get; }

    public string Version { get; }

    public InferenceSession Session { get; }

    /// <summary>
    /// Inputs and outputs read from the ONNX graph itself; outputs the model's metadata hides are
    /// left out, and outputs it labels carry their labels.
    /// </summary>
    public ModelSignature Signature { get; }

    public string[] InputNames { get; }

    public string[] OutputNames { get; }

    /// <summary>SHA-256 of the .onnx bytes that were loaded.</summary>
    public string Sha256 { get; }

    /// <summary>The failure the model's metadata asks for in the sandbox (see <see cref="SandboxFault"/>), or null.</summary>
    public SandboxFault? Fault { get; }

    /// <summary>Where the bytes came from, e.g. a path or s3://bucket/key?versionId=...</summary>
    public string Source { get; }

    /// <summary>Bounds the runs executing at once, so concurrent requests queue instead of oversubscribing the cores.</summary>
    public RunSlots RunSlots { get; }

    /// <summary>Shared by all runs: the options are only read by Run.</summary>
    public RunOptions RunOptions { get; } = new();

    public void Dispose()
    {
        RunOptions.Dispose();
        Session.Dispose();
        RunSlots.Dispose();
    }

    private static TensorSpec Spec(string name, NodeMetadata metadata) =>
        new(name, metadata.IsTensor ? metadata.ElementDataType : 0, metadata.Dimensions.Select(d => (long)d).ToArray());
}
