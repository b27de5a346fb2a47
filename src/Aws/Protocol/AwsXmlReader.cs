using System.Xml.Linq;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// Reads a query-protocol XML answer (namespaces already removed) into a generated record:
/// members by serialized name, lists inside their wrapper as &lt;member&gt; (or the model's
/// element name) or flattened as repeated elements, maps as &lt;entry&gt;&lt;key/&gt;&lt;value/&gt;,
/// timestamps in any AWS format. Missing elements leave members null.
/// </summary>
internal static class AwsXmlReader
{
    public static T Read<T>(XElement element) => (T)ReadStructure(typeof(T), element);

    private static object ReadStructure(Type type, XElement element)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Shape {type.Name} has no parameterless constructor.");
        foreach (var member in AwsShapes.Members(type))
        {
            if (ReadMember(member, element) is { } value)
            {
                member.Property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private static object? ReadMember(AwsShapeMember member, XElement parent)
    {
        var type = member.Type;
        var form = member.Form;
        if (AwsShapes.MapValue(type) is { } valueType)
        {
            var entries = form?.Flattened == true
                ? parent.Elements(member.WireName)
                : parent.Element(member.WireName)?.Elements("entry");
            return entries is null ? null : ReadMap(valueType, entries, form?.Key ?? "key", form?.Value ?? "value");
        }

        if (AwsShapes.ListElement(type) is { } elementType)
        {
            var items = form?.Flattened == true
                ? parent.Elements(form.Member ?? member.WireName)
                : parent.Element(member.WireName)?.Elements(form?.Member ?? "member");
            return items is null ? null : ReadList(elementType, items);
        }

        return parent.Element(member.WireName) is { } child ? ReadValue(type, child) : null;
    }

    private static object? ReadValue(Type type, XElement element)
    {
        if (AwsShapes.MapValue(type) is { } valueType)
        {
            return ReadMap(valueType, element.Elements("entry"), "key", "value");
        }

        if (AwsShapes.ListElement(type) is { } elementType)
        {
            return ReadList(elementType, element.Elements("member"));
        }

        return AwsShapes.IsStructure(type) ? ReadStructure(type, element) : AwsScalars.Parse(element.Value, type);
    }

    private static System.Collections.IList ReadList(Type elementType, IEnumerable<XElement> items)
    {
        var list = AwsShapes.NewList(elementType);
        foreach (var item in items)
        {
            list.Add(ReadValue(elementType, item));
        }

        return list;
    }

    private static System.Collections.IDictionary ReadMap(Type valueType, IEnumerable<XElement> entries, string keyName, string valueName)
    {
        var map = AwsShapes.NewMap(valueType);
        foreach (var entry in entries)
        {
            if (entry.Element(keyName)?.Value is { } key)
            {
                map[key] = entry.Element(valueName) is { } value ? ReadValue(valueType, value) : null;
            }
        }

        return map;
    }
}
