namespace Reconciler.Model.Stacks;

/// <summary>An environment folder, loaded and validated: the stack and its resources.</summary>
public sealed record DesiredStack
{
    /// <summary>The Stack document.</summary>
    public required StackSpec Stack { get; init; }

    /// <summary>Every resource document, in file order.</summary>
    public required IReadOnlyList<DesiredResource> Resources { get; init; }

    /// <summary>
    /// The kinds of the documents switched off (<c>metadata.enabled: false</c>): not desired, so
    /// their resources are deleted or orphaned, which still takes those kinds' permissions. The
    /// controller's policy covers them, so a switch-off can be carried out.
    /// </summary>
    public IReadOnlyList<string> SwitchedOffKinds { get; init; } = [];

    /// <summary>The folder the documents came from.</summary>
    public required string Directory { get; init; }

    /// <summary>The resource with this key, if declared.</summary>
    public DesiredResource? Find(ResourceKey key) => Resources.FirstOrDefault(r => r.Key == key);
}
