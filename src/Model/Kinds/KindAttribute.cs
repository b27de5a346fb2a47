namespace Reconciler.Model.Kinds;

/// <summary>
/// Marks a spec record as the spec of a document kind. The record's properties are the kind's
/// fields: <c>required</c> members are required, nullable members are optional and unmanaged
/// when absent, members with an initializer are managed with that declared default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KindAttribute(string name) : Attribute
{
    /// <summary>The <c>kind:</c> value of documents of this kind.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Holds data that deleting would lose (a bucket's objects, a table's items). Such resources
    /// are orphaned when their document goes, unless the document said <c>deletionPolicy: delete</c>.
    /// </summary>
    public bool Stateful { get; init; }
}
