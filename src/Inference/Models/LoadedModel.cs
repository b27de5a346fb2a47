using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Models;

/// <summary>A model version ready to run: one <see cref="InferenceSession"/> shared by every request (its Run is thread-safe).</summary>
internal sealed class LoadedModel : IDisposable
{
    public LoadedModel(string name, string version, InferenceSession session, string sha256, string source)
    {
        Name = name;
        Version = version;
        Session = session;
        Sha256 = sha256;
        Source = source;
        Signature = new ModelSignature(
            session.InputMetadata.Select(m => Spec(m.Key, m.Value)).ToArray(),
            session.OutputMetadata.Select(m => Spec(m.Key, m.Value)).ToArray());
        InputNames = Signature.Inputs.Select(i => i.Name).ToArray();
        OutputNames = Signature.Outputs.Select(o => o.Name).ToArray();
    }

    public string Name { get; }

    public string Version { get; }

    public InferenceSession Session { get; }

    /// <summary>Inputs and outputs read from the ONNX graph itself.</summary>
    public ModelSignature Signature { get; }

    public string[] InputNames { get; }

    public string[] OutputNames { get; }

    /// <summary>SHA-256 of the .onnx bytes that were loaded.</summary>
    public string Sha256 { get; }

    /// <summary>Where the bytes came from, e.g. a path or s3://bucket/key?versionId=...</summary>
    public string Source { get; }

    /// <summary>Shared by all runs: the options are only read by Run.</summary>
    public RunOptions RunOptions { get; } = new();

    public void Dispose()
    {
        RunOptions.Dispose();
        Session.Dispose();
    }

    private static TensorSpec Spec(string name, NodeMetadata metadata) =>
        new(name, metadata.IsTensor ? metadata.ElementDataType : 0, metadata.Dimensions.Select(d => (long)d).ToArray());
}
