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
}
