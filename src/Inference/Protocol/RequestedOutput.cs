namespace Reconciler.Inference.Protocol;

/// <summary>An entry of a request's "outputs": the output's name and its "binary_data" parameter, null when not given.</summary>
internal readonly record struct RequestedOutput(string Name, bool? BinaryData);
