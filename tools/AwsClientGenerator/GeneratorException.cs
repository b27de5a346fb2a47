namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>The configuration or a model cannot be generated from; the message lists every problem and its fix.</summary>
internal sealed class GeneratorException(string message) : Exception(message);
