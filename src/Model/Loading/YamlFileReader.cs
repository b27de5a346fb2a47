using System.Text.RegularExpressions;
using Reconciler.Model.Stacks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>Reads the *.yaml and *.yml files of one folder (not recursive) into documents, keeping positions.</summary>
internal static partial class YamlFileReader
{
    /// <summary>The documents of every file, in file-name order; syntax errors go to the bag.</summary>
    public static (List<SourceDocument> Documents, int FileCount, bool SyntaxErrors) Read(string directory, DiagnosticBag bag)
    {
        var files = System.IO.Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var documents = new List<SourceDocument>();
        var syntaxErrors = false;
        foreach (var name in files)
        {
            var path = Display(Path.Combine(directory, name!));
            try
            {
                var stream = new YamlStream();
                using (var reader = new StreamReader(Path.Combine(directory, name!)))
                {
                    stream.Load(reader);
                }

                documents.AddRange(stream.Documents
                    .Where(d => !IsEmpty(d.RootNode))
                    .Select(d => new SourceDocument(path, d.RootNode)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                syntaxErrors = true;
                bag.Add(new SourceLocation(path, 1, 1), $"cannot read the file ({e.Message}); check its permissions");
            }
            catch (YamlException e)
            {
                // The parser cannot resume inside a file, so the whole file is lost: say where and why.
                syntaxErrors = true;
                bag.Add(new SourceLocation(path, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column)), $"invalid YAML: {Describe(e)}; fix the syntax at this position");
            }
        }

        return (documents, files.Count, syntaxErrors);
    }

    /// <summary>Paths are shown as given, with forward slashes on every platform.</summary>
    public static string Display(string path) => path.Replace('\\', '/');

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && string.IsNullOrEmpty(scalar.Value);

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is already in the diagnostic.
        var message = MarkPrefix().Replace(e.Message, "");
        if (e.InnerException is not null && message.Length == 0)
        {
            message = e.InnerException.Message;
        }

        return message.TrimEnd('.').Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
