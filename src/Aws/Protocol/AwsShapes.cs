using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Reflection over the generated shape records, done once per type: their members, and what
/// kind of value a CLR type stands for (scalar, list, map or structure).
/// </summary>
internal static class AwsShapes
{
    private static readonly ConcurrentDictionary<Type, AwsShapeMember[]> Cache = new();

    /// <summary>The public instance properties of a shape, in declaration order.</summary>
    public static AwsShapeMember[] Members(Type type) => Cache.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .Select(p =>
        {
            var form = p.GetCustomAttribute<AwsMemberAttribute>();
            var name = form?.Name ?? p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name;
            return new AwsShapeMember(p, name, form);
        })
        .ToArray());

    /// <summary>The element type of a list type (IReadOnlyList&lt;T&gt;, List&lt;T&gt;, T[] but byte[]); null for others.</summary>
    public static Type? ListElement(Type type)
    {
        if (type == typeof(byte[]) || type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType || type.GetGenericArguments().Length != 1)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IList<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The value type of a string-keyed map type (IReadOnlyDictionary or Dictionary); null for others.</summary>
    public static Type? MapValue(Type type)
    {
        if (!type.IsGenericType || type.GetGenericArguments() is not [var key, var value] || key != typeof(string))
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>)
            ? value
            : null;
    }

    /// <summary>Whether a type is a generated structure (a record of members) rather than a scalar or collection.</summary>
    public static bool IsStructure(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(byte[]) && ListElement(type) is null && MapValue(type) is null;

    /// <summary>A new List&lt;T&gt; for a list type.</summary>
    public static System.Collections.IList NewList(Type element) =>
        (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;

    /// <summary>A new Dictionary&lt;string, T&gt; for a map type.</summary>
    public static System.Collections.IDictionary NewMap(Type value) =>
        (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), value), StringComparer.Ordinal)!;
}
