namespace Reconciler.Model.Kinds;

/// <summary>
/// A field whose value is the name of another document of <see cref="Kind"/> (<c>vpc: main</c>),
/// or, on a list, whose items are. References become edges of the dependency graph.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ReferenceAttribute(string kind) : Attribute
{
    /// <summary>The kind of the referenced document.</summary>
    public string Kind { get; } = kind;

    /// <summary>
    /// A soft reference is checked for existence but is not a hard edge of the dependency graph,
    /// so it may form a cycle. Security group rules are soft: two groups may allow each other,
    /// because their rules are authorised after both groups exist. The graph still orders soft
    /// references first whenever that makes no cycle, so the common case needs no second pass.
    /// </summary>
    public bool Soft { get; init; }

    /// <summary>
    /// Kinds whose documents attach the referenced one somewhere AWS checks: the referencing
    /// document is also ordered after every document of these kinds that references the same
    /// target. ECS refuses CreateService for a target group no listener or listener rule forwards
    /// to yet, so a Service's target group reference waits for them, though the Service never
    /// names the listener.
    /// </summary>
    public string[] AfterAttachedBy { get; init; } = [];
}
