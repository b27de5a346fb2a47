namespace Reconciler.Inference.Models;

/// <summary>The bytes of an .onnx file and where they came from.</summary>
internal sealed record ModelBytes(byte[] Content, string Source);
