namespace Reconciler.Model.Stacks;

/// <summary>
/// The one <c>kind: Stack</c> document of an environment folder: where the stack lives and the
/// policies that govern every resource in it.
/// </summary>
public sealed record StackSpec
{
    /// <summary>The stack's name (<c>metadata.name</c>); the value of every resource's <c>reconciler:stack</c> tag.</summary>
    public required string Name { get; init; }

    /// <summary>The AWS region, e.g. us-east-1.</summary>
    public required string Region { get; init; }

    /// <summary>The 12-digit AWS account the stack belongs to. Any other account is refused.</summary>
    public required string AccountId { get; init; }

    /// <summary>Tags applied to every resource, besides the controller's own.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Policies for drift, deletion and plan size.</summary>
    public StackPolicies Policies { get; init; } = new();

    /// <summary>
    /// Usage the cost estimate assumes for this stack, by <c>Kind.name</c> (e.g. <c>Bucket.storageGb: 500</c>,
    /// <c>DataTransfer.outGbPerMonth: 1000</c>), over the price table's defaults.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Usage { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Values substituted for <c>${var.NAME}</c> in the stack's documents.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
