using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>One reference written in a document (<c>vpc: main</c>), and where.</summary>
/// <param name="Target">The document it names.</param>
/// <param name="Soft">Checked for existence only; not a hard graph edge (see <see cref="Kinds.ReferenceAttribute.Soft"/>).</param>
/// <param name="Location">The scalar holding the name.</param>
/// <param name="Field">The field's name, for messages.</param>
/// <param name="AfterAttachedBy">Kinds whose documents referencing the same target come first (see <see cref="Kinds.ReferenceAttribute.AfterAttachedBy"/>).</param>
internal sealed record ReferenceSite(ResourceKey Target, bool Soft, SourceLocation Location, string Field, IReadOnlyList<string> AfterAttachedBy);
