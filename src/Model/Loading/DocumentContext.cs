using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Model.Stacks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>
/// Reading helpers for one document: positions, <c>${var.NAME}</c> substitution, typed scalars
/// and unknown-field checks. Every helper reports into the bag and returns null instead of throwing.
/// </summary>
internal sealed partial class DocumentContext(SourceDocument document, DiagnosticBag bag, IReadOnlyDictionary<string, string> variables)
{
    private readonly int _countAtStart = bag.Count;

    public SourceDocument Document { get; } = document;

    public DiagnosticBag Bag { get; } = bag;

    /// <summary>Whether this document reported anything so far.</summary>
    public bool HasErrors => Bag.Count > _countAtStart;

    public SourceLocation At(YamlNode node) => Document.At(node);

    public void Error(YamlNode node, string message) => Bag.Add(At(node), message);

    /// <summary>An explicit YAML null (<c>key:</c>, <c>~</c>, <c>null</c>) means "not set".</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>The value of a key in a mapping, if present.</summary>
    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode k && k.Value == key).Value;

    /// <summary>Keys of a mapping as strings; a non-scalar key is reported.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping, string where)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                yield return (name, key, value);
            }
            else
            {
                Error(key, $"keys in {where} must be plain names");
            }
        }
    }

    /// <summary>
    /// Reports every key that is not a known field, suggesting the closest. Returns the fields
    /// suggested, so the caller does not also report them as missing: one typo, one message.
    /// </summary>
    public HashSet<string> CheckUnknown(YamlMappingNode mapping, IReadOnlyCollection<string> known, string where)
    {
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, keyNode, _) in Entries(mapping, where))
        {
            if (!known.Contains(key))
            {
                if (Suggestions.Closest(key, known) is { } closest)
                {
                    suggested.Add(closest);
                }

                Error(keyNode, $"unknown field '{key}' in {where}{HintFor(key, known)}");
            }
        }

        return suggested;
    }

    // A secret-named field is never a typo of the fields that say where the secret is kept: name those instead.
    // Nor is a value whose kind reads it from elsewhere (an API key's value: valueFrom).
    private static string HintFor(string key, IReadOnlyCollection<string> known)
    {
        var readFrom = known.FirstOrDefault(k => k == key + "From" || (SecretScanner.IsSecretName(key) && k.EndsWith("From", StringComparison.Ordinal)));
        if (readFrom is not null)
        {
            return $"; a secret is never written in a document: use '{readFrom}' (read at apply time) instead";
        }

        var alternatives = SecretScanner.IsSecretName(key) ? known.Where(SecretScanner.MentionsSecret).ToList() : [];
        return alternatives.Count == 0
            ? Suggestions.Hint(key, known, "fields")
            : $"; a secret is never written in a document: use {string.Join(" or ", alternatives.Select(a => $"'{a}'"))} instead";
    }

    /// <summary>The scalar's text with variables substituted; null (reported) if it is not a scalar or names an unknown variable.</summary>
    public string? Text(YamlNode node, string field, string where, string expected = "a string")
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"field '{field}' in {where} must be {expected}, got {Describe(node)}");
            return null;
        }

        var value = scalar.Value ?? "";
        var failed = false;
        var result = VariablePattern().Replace(value, m =>
        {
            var name = m.Groups[1].Value;
            if (variables.TryGetValue(name, out var substitute))
            {
                return substitute;
            }

            failed = true;
            var known = variables.Keys.Order(StringComparer.Ordinal).ToList();
            var hint = Suggestions.Closest(name, known) is { } closest
                ? $"; did you mean '{closest}'?"
                : "; declare it under spec.variables of the Stack document";
            Error(node, $"unknown variable '{name}' in field '{field}' of {where}{hint}");
            return m.Value;
        });
        return failed ? null : result;
    }

    public long? Integer(YamlNode node, string field, string where)
    {
        var text = Text(node, field, where, "an integer");
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, $"field '{field}' in {where} must be an integer, got {Shown(text)}");
        return null;
    }

    public bool? Boolean(YamlNode node, string field, string where)
    {
        var text = Text(node, field, where, "true or false");
        if (text is null)
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (text is "false" or "False" or "FALSE")
        {
            return false;
        }

        Error(node, $"field '{field}' in {where} must be true or false, got {Shown(text)}");
        return null;
    }

    /// <summary>An enum written in lowercase (<c>alert</c>, <c>orphan</c>).</summary>
    public T? Enum<T>(YamlNode node, string field, string where) where T : struct, Enum
    {
        var text = Text(node, field, where);
        if (text is null)
        {
            return null;
        }

        var names = System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToList();
        if (names.Contains(text))
        {
            return System.Enum.Parse<T>(text, ignoreCase: true);
        }

        Error(node, $"invalid value {Shown(text)} for field '{field}' in {where}; allowed: {string.Join(", ", names)}");
        return null;
    }

    /// <summary>A mapping of scalars to scalars, e.g. tags or variables.</summary>
    public Dictionary<string, string>? Map(YamlNode node, string field, string where, bool substitute = true)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"field '{field}' in {where} must be a mapping, got {Describe(node)}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _, value) in Entries(mapping, $"{where}.{field}"))
        {
            if (value is not YamlScalarNode scalar)
            {
                Error(value, $"value of '{key}' in {where}.{field} must be a string, got {Describe(value)}");
                continue;
            }

            var text = substitute ? Text(scalar, key, $"{where}.{field}") : scalar.Value ?? "";
            if (text is not null)
            {
                result[key] = text;
            }
        }

        return result;
    }

    public YamlMappingNode? Mapping(YamlNode node, string field, string where)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"field '{field}' in {where} must be a mapping, got {Describe(node)}");
        return null;
    }

    /// <summary>How a node appears in a type error: the scalar itself, or its shape.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => Shown(s.Value ?? ""),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };

    /// <summary>A value quoted for a message; never something shaped like a secret, even in a type error.</summary>
    public static string Shown(string text) => SecretScanner.LooksLikeSecret(text) ? "a string" : $"'{text}'";

    [GeneratedRegex(@"\$\{var\.([^}]*)\}")]
    private static partial Regex VariablePattern();
}
