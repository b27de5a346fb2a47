namespace Reconciler.Model.Kinds;

/// <summary>A document kind: its name, spec record type and fields.</summary>
public sealed class KindInfo
{
    internal KindInfo(string name, Type specType, bool stateful, IReadOnlyList<SpecField> fields, bool createBeforeDestroy = false)
    {
        CreateBeforeDestroy = createBeforeDestroy;
        Name = name;
        SpecType = specType;
        Stateful = stateful;
        Fields = fields;
    }

    /// <summary>The <c>kind:</c> value.</summary>
    public string Name { get; }

    /// <summary>The spec record type.</summary>
    public Type SpecType { get; }

    /// <summary>Whether deleting would lose data; see <see cref="KindAttribute.Stateful"/>.</summary>
    public bool Stateful { get; }

    /// <summary>Whether a replacement creates the new resource first; see <see cref="KindAttribute.CreateBeforeDestroy"/>.</summary>
    public bool CreateBeforeDestroy { get; }

    /// <summary>The spec's top-level fields, in declaration order.</summary>
    public IReadOnlyList<SpecField> Fields { get; }

    /// <summary>The kinds this kind references with hard references (its own kind excluded).</summary>
    public IReadOnlyList<string> ReferencedKinds => [.. Walk(Fields).Where(f => f.Reference is { Soft: false }).Select(f => f.Reference!.Kind).Where(k => k != Name).Distinct()];

    /// <summary>The top-level field with this name, if any.</summary>
    public SpecField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// The field at a dotted path (<c>partitionKey.name</c>, <c>ingress.fromPort</c>: list items
    /// are entered without an index), with every field along the way; empty when unknown.
    /// </summary>
    public IReadOnlyList<SpecField> PathTo(string dottedPath)
    {
        var trail = new List<SpecField>();
        IReadOnlyList<SpecField> current = Fields;
        foreach (var segment in dottedPath.Split('.'))
        {
            var field = current.FirstOrDefault(f => f.Name == segment);
            if (field is null)
            {
                return [];
            }

            trail.Add(field);
            var inner = field.Item ?? field;
            current = inner.Fields;
        }

        return trail;
    }

    public override string ToString() => Name;

    private static IEnumerable<SpecField> Walk(IEnumerable<SpecField> fields)
    {
        foreach (var field in fields)
        {
            yield return field;
            var inner = field.Item ?? field;
            foreach (var nested in Walk(inner.Fields))
            {
                yield return nested;
            }
        }
    }
}
