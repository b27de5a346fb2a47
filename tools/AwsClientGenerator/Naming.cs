using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>C# names and doc comments from model names and documentation.</summary>
internal static partial class Naming
{
    // Names a generated structure must not take: they would hide types the generated code uses.
    private static readonly HashSet<string> ReservedTypes = new(StringComparer.Ordinal)
    {
        "Task", "CancellationToken", "Guid", "JsonElement", "DateTimeOffset", "String", "Object", "Exception", "Type",
        "Attribute", "Enum", "Uri", "Stream", "Math", "Array", "Boolean", "Int32", "Int64", "Double", "Byte", "Nullable",
        "IReadOnlyList", "IReadOnlyDictionary", "List", "Dictionary", "StringComparer", "AwsOperation", "AwsService",
        "AwsRestBinding", "AwsMember", "AwsMemberAttribute", "AwsLocation", "AwsTimestampFormat", "AwsErrorKind",
        "JsonPropertyName", "JsonIgnore", "JsonConverter", "IAsyncEnumerable", "EnumeratorCancellation",
        "KeyValuePair", "Func", "Predicate", "Lazy", "Tuple", "StringBuilder",
    };

    // Members a record already has: a property of that name would not compile.
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "EqualityContract", "GetType", "ToString", "Equals", "GetHashCode", "Deconstruct", "PrintMembers", "Clone", "MemberwiseClone",
    };

    /// <summary>PascalCase of a model name, letters and digits only.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A structure's type name, moved aside ("...Shape") when it would hide a type the generated code uses.</summary>
    public static string TypeName(string shapeName, ISet<string> taken)
    {
        var name = Pascal(shapeName);
        if (ReservedTypes.Contains(name) || taken.Contains(name))
        {
            name += "Shape";
        }

        return name;
    }

    /// <summary>A member's property name; "...Value" when it would be named like its record or a record's own member.</summary>
    public static string PropertyName(string memberName, string typeName, ISet<string> used)
    {
        var name = Pascal(memberName);
        if (name == typeName || ReservedMembers.Contains(name))
        {
            name += "Value";
        }

        while (!used.Add(name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>The model's HTML documentation as one short sentence for a doc comment; null when it has none.</summary>
    public static string? Summary(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
        text = Spaces().Replace(text, " ").Trim();
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        if (end >= 0)
        {
            text = text[..(end + 1)];
        }

        if (text.Length > 200)
        {
            text = text[..text.LastIndexOf(' ', 197)] + "...";
        }

        return text.Length == 0 ? null : WebUtility.HtmlEncode(text).Replace("&#39;", "'", StringComparison.Ordinal).Replace("&quot;", "\"", StringComparison.Ordinal);
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
