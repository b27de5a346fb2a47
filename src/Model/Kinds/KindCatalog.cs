using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Reconciler.Model.Kinds;

/// <summary>
/// Every document kind, found once by reflection: the <see cref="IResourceSpec"/> records of
/// this assembly that carry <see cref="KindAttribute"/>. Loading, validation, the diff and the
/// JSON Schema all read the kinds from here, so a new kind is one new record.
/// </summary>
public static class KindCatalog
{
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SpecField>> FieldCache = new();
    private static readonly Lazy<IReadOnlyList<KindInfo>> Kinds = new(Discover);

    /// <summary>Every kind, sorted by name.</summary>
    public static IReadOnlyList<KindInfo> All => Kinds.Value;

    /// <summary>The kind with this exact name, if any.</summary>
    public static KindInfo? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind whose spec record is <paramref name="specType"/>.</summary>
    public static KindInfo For(Type specType) =>
        All.FirstOrDefault(k => k.SpecType == specType) ?? throw new ArgumentException($"{specType} is not a kind's spec record.", nameof(specType));

    /// <summary>The fields of a record type, in declaration order.</summary>
    public static IReadOnlyList<SpecField> FieldsOf(Type recordType) => FieldCache.GetOrAdd(recordType, Describe);

    private static List<KindInfo> Discover() =>
    [
        .. typeof(IResourceSpec).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IResourceSpec).IsAssignableFrom(t))
            .Select(t => (Type: t, Kind: t.GetCustomAttribute<KindAttribute>()))
            .Where(x => x.Kind is not null)
            .Select(x => new KindInfo(x.Kind!.Name, x.Type, x.Kind.Stateful, FieldsOf(x.Type), x.Kind.CreateBeforeDestroy))
            .OrderBy(k => k.Name, StringComparer.Ordinal),
    ];

    private static List<SpecField> Describe(Type recordType)
    {
        // Required-member checks are compile-time only: an instance made this way holds the declared
        // defaults. A positional record has none to read: its nullable fields count as optional.
        var defaults = recordType.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(recordType);
        return
        [
            .. recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .OrderBy(p => p.MetadataToken)
                .Select(p => Describe(p, defaults)),
        ];
    }

    /// <summary>
    /// A field's semantics come from <c>required</c> and its initializer; the C# type's nullability
    /// says only that live state may lack the value. So a nullable field is optional and unmanaged
    /// only when it is neither required nor initialized (<c>string? KmsKeyId</c>); a
    /// <c>required int? RetentionDays</c> or a <c>string? Encryption = "AES256"</c> is as managed as
    /// its non-nullable form, and null in live state for "AWS has none".
    /// </summary>
    private static SpecField Describe(PropertyInfo property, object? defaults)
    {
        var underlying = Nullable.GetUnderlyingType(property.PropertyType);
        var isRequired = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
        var isNullable = !isRequired
            && (underlying is not null || (!property.PropertyType.IsValueType && Nullability.Create(property).WriteState == NullabilityState.Nullable))
            && (defaults is null || property.GetValue(defaults) is null);
        return new SpecField(
            SpecField.CamelCase(property.Name),
            underlying ?? property.PropertyType,
            property,
            isRequired,
            isNullable,
            [.. property.GetCustomAttributes()]);
    }
}
