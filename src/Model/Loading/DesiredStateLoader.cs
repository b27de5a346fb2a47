using Reconciler.Model.Kinds;
using Reconciler.Model.Stacks;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>
/// Loads an environment folder (<c>desired-state/dev</c>): every *.yaml and *.yml file in it,
/// sorted by name, not recursive; several documents per file (<c>---</c>), one resource per
/// document, exactly one <c>kind: Stack</c>. Validates everything and reports every problem at
/// once with its file, line and column. Pure: reads files, never calls AWS, never throws on
/// malformed input.
/// </summary>
public static class DesiredStateLoader
{
    private static readonly string[] DocumentFields = ["kind", "metadata", "spec"];

    /// <summary>Loads and validates a folder. Diagnostics show file paths as <paramref name="directory"/> was given.</summary>
    public static LoadResult Load(string directory)
    {
        try
        {
            return LoadValidated(directory);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug here must not stop the controller, nor make it act on a half-read folder: report and apply nothing.
            var location = new SourceLocation(YamlFileReader.Display(directory), 1, 1);
            return new LoadResult { Diagnostics = [new Diagnostic(location, $"internal error while loading ({e.GetType().Name}: {e.Message}); nothing will be applied, please report it")] };
        }
    }

    private static LoadResult LoadValidated(string directory)
    {
        var bag = new DiagnosticBag();
        var folder = YamlFileReader.Display(directory.TrimEnd('/', '\\'));
        var folderLocation = new SourceLocation(folder.Length == 0 ? "." : folder, 1, 1);
        if (!System.IO.Directory.Exists(directory))
        {
            bag.Add(folderLocation, $"desired-state folder '{folderLocation.File}' does not exist; pass the folder holding stack.yaml");
            return new LoadResult { Diagnostics = bag.Sorted() };
        }

        var (documents, fileCount, syntaxErrors) = YamlFileReader.Read(directory, bag);
        if (fileCount == 0)
        {
            bag.Add(folderLocation, $"no desired-state files in '{folderLocation.File}'; add a stack.yaml with a 'kind: Stack' document, and resource documents (*.yaml or *.yml)");
            return new LoadResult { Diagnostics = bag.Sorted() };
        }

        var classified = Classify(documents, bag);
        var stackDocuments = classified.Where(c => c.Kind == "Stack").ToList();
        foreach (var extra in stackDocuments.Skip(1))
        {
            bag.Add(extra.Source.At(extra.KindNode), $"a second 'kind: Stack' document (the first is at {stackDocuments[0].Source.At(stackDocuments[0].KindNode)}); keep exactly one per folder");
        }

        if (stackDocuments.Count == 0 && !syntaxErrors)
        {
            bag.Add(folderLocation, $"no 'kind: Stack' document in '{folderLocation.File}'; add one with metadata.name, spec.region and spec.accountId");
        }

        var (stack, variables) = ReadStack(stackDocuments.FirstOrDefault(), bag);
        foreach (var document in documents)
        {
            SecretScanner.Scan(document, bag);
        }

        var bound = new List<BoundDocument>();
        foreach (var (source, root, _, kind, kindInfo) in classified.Where(c => c.KindInfo is not null))
        {
            var context = new DocumentContext(source, bag, variables);
            var document = ResourceDocumentReader.Read(context, root, kindInfo!);
            if (stack is not null)
            {
                ResourceBuilder.FillDefaultNames(document, stack.Name);
            }

            bound.Add(document);
        }

        // Kind rules run once every document is bound: some look at the documents they reference.
        var byName = new BoundDocuments(bound);
        foreach (var document in bound)
        {
            KindRules.Check(document, stack, byName, bag);
        }

        if (!syntaxErrors)
        {
            CrossDocumentChecks.Run(bound, bag);
        }

        if (bag.Count > 0 || stack is null)
        {
            return new LoadResult { Diagnostics = bag.Sorted(), Warnings = bag.SortedWarnings() };
        }

        return Build(folderLocation.File, stack, bound, bag.SortedWarnings());
    }

    private static LoadResult Build(string directory, StackSpec stack, List<BoundDocument> bound, IReadOnlyList<Diagnostic> warnings) => new()
    {
        Stack = new DesiredStack
        {
            Stack = stack,
            Resources = ResourceBuilder.WithFieldsOwnedByOthers([.. bound.Where(d => d.Enabled).Select(d => ResourceBuilder.Build(d, stack, bound))]),
            SwitchedOffKinds = [.. bound.Where(d => !d.Enabled).Select(d => d.Kind.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Directory = directory,
        },
        Warnings = warnings,
    };

    private static (StackSpec? Stack, IReadOnlyDictionary<string, string> Variables) ReadStack(ClassifiedDocument? document, DiagnosticBag bag)
    {
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document is null)
        {
            return (null, none);
        }

        var context = new DocumentContext(document.Source, bag, none);
        var variables = StackReader.ReadVariables(context, document.Root);
        var stackContext = new DocumentContext(document.Source, bag, variables);
        return (StackReader.Read(stackContext, document.Root, variables), variables);
    }

    /// <summary>Sorts documents by kind, reporting documents that are not mappings, lack a kind, or name an unknown one.</summary>
    private static List<ClassifiedDocument> Classify(List<SourceDocument> documents, DiagnosticBag bag)
    {
        var result = new List<ClassifiedDocument>();
        var known = KindCatalog.All.Select(k => k.Name).Prepend("Stack").ToList();
        foreach (var document in documents)
        {
            var context = new DocumentContext(document, bag, new Dictionary<string, string>());
            if (document.Root is not YamlMappingNode root)
            {
                context.Error(document.Root, $"a document must be a mapping with kind, metadata and spec, got {DocumentContext.Describe(document.Root)}");
                continue;
            }

            var misspelled = context.CheckUnknown(root, DocumentFields, "document");
            var kindNode = DocumentContext.Get(root, "kind");
            if (kindNode is null && misspelled.Contains("kind"))
            {
                continue;
            }

            if (kindNode is null || DocumentContext.IsNull(kindNode))
            {
                context.Error(kindNode ?? root, $"missing field 'kind' in document; set it to one of: {string.Join(", ", known)}");
                continue;
            }

            if (kindNode is not YamlScalarNode { Value: { } kind })
            {
                context.Error(kindNode, $"field 'kind' in document must be a string, got {DocumentContext.Describe(kindNode)}");
                continue;
            }

            var kindInfo = KindCatalog.Find(kind);
            if (kind != "Stack" && kindInfo is null)
            {
                context.Error(kindNode, $"unknown kind '{kind}'{Suggestions.Hint(kind, known, "kinds")}");
                continue;
            }

            result.Add(new ClassifiedDocument(document, root, kindNode, kind, kindInfo));
        }

        return result;
    }
}
