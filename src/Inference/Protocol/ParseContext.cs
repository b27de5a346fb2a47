namespace Reconciler.Inference.Protocol;

/// <summary>What the parser checks a request against.</summary>
internal sealed record ParseContext(string ModelName, ModelSignature Model, int MaxItems, long BodyLength);
