namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>One GetResources read of a stack: tags by ARN (without a trailing <c>:*</c>), and whether the read succeeded.</summary>
internal sealed record StackTagSnapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ByArn, bool Complete);
