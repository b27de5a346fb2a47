using System.Reflection;
using System.Text.Json;

namespace Reconciler.Model.Kinds;

/// <summary>
/// One field of a spec record (or of a record nested in one), described by reflection once:
/// its camelCase name, shape, whether it is required, and its validation attributes.
/// </summary>
public sealed class SpecField
{
    private readonly Lazy<IReadOnlyList<SpecField>> _fields;

    internal SpecField(string name, Type clrType, PropertyInfo? property, bool isRequired, bool isNullable, Attribute[] attributes)
    {
        Name = name;
        ClrType = clrType;
        Property = property;
        IsRequired = isRequired;
        IsNullable = isNullable;
        Immutable = attributes.OfType<ImmutableAttribute>().Any();
        Reference = attributes.OfType<ReferenceAttribute>().FirstOrDefault();
        AllowedValues = attributes.OfType<AllowedValuesAttribute>().FirstOrDefault()?.Values;
        Range = attributes.OfType<RangeAttribute>().FirstOrDefault();
        IsCidr = attributes.OfType<CidrAttribute>().Any();
        IsFileContent = attributes.OfType<FileContentAttribute>().Any();
        DefaultName = attributes.OfType<DefaultNameAttribute>().FirstOrDefault();
        Shape = ShapeOf(clrType);
        if (Shape == FieldShape.List)
        {
            // The item inherits the list's validation attributes: [Cidr] or [Reference] on a list applies to its items.
            var itemType = ItemTypeOf(clrType);
            Item = new SpecField(name, itemType, null, isRequired: true, isNullable: false, attributes);
        }

        _fields = new Lazy<IReadOnlyList<SpecField>>(() => Shape == FieldShape.Object ? KindCatalog.FieldsOf(ClrType) : []);
    }

    /// <summary>The field's name in documents: the property name in camelCase.</summary>
    public string Name { get; }

    /// <summary>The property's type, without <see cref="Nullable{T}"/>.</summary>
    public Type ClrType { get; }

    /// <summary>The property; null for the item of a list.</summary>
    public PropertyInfo? Property { get; }

    /// <summary>The field's shape.</summary>
    public FieldShape Shape { get; }

    /// <summary>A C# <c>required</c> member: documents must set it.</summary>
    public bool IsRequired { get; }

    /// <summary>Optional and unmanaged when absent.</summary>
    public bool IsNullable { get; }

    /// <summary>Neither required nor nullable: absent means the declared default, which is managed.</summary>
    public bool HasDefault => !IsRequired && !IsNullable;

    /// <summary>A change to it replaces the resource.</summary>
    public bool Immutable { get; }

    /// <summary>The kind this field (or each item) names, if it is a reference.</summary>
    public ReferenceAttribute? Reference { get; }

    /// <summary>The only values accepted, if restricted.</summary>
    public IReadOnlyList<object>? AllowedValues { get; }

    /// <summary>The inclusive bounds of an integer field.</summary>
    public RangeAttribute? Range { get; }

    /// <summary>Whether the value (or each item) is an IPv4 CIDR block.</summary>
    public bool IsCidr { get; }

    /// <summary>Whether documents give a file's path and the field holds its content (<see cref="FileContentAttribute"/>).</summary>
    public bool IsFileContent { get; }

    /// <summary>The pattern the loader fills in when the field is absent.</summary>
    public DefaultNameAttribute? DefaultName { get; }

    /// <summary>For a list, the description of one item.</summary>
    public SpecField? Item { get; }

    /// <summary>For a nested record, its fields.</summary>
    public IReadOnlyList<SpecField> Fields => _fields.Value;

    /// <summary>The nested field with this name, if any.</summary>
    public SpecField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    internal static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static FieldShape ShapeOf(Type type)
    {
        if (type == typeof(string))
        {
            return FieldShape.String;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return FieldShape.Integer;
        }

        if (type == typeof(bool))
        {
            return FieldShape.Boolean;
        }

        if (IsDictionary(type))
        {
            return FieldShape.Map;
        }

        if (type.IsArray || (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
        {
            return FieldShape.List;
        }

        if (type.IsClass)
        {
            return FieldShape.Object;
        }

        throw new NotSupportedException($"Spec field type {type} is not supported: use string, int, long, bool, a list, a string map or a record.");
    }

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetGenericArguments().Length == 2
        && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    private static Type ItemTypeOf(Type type) => type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
}
