using Reconciler.Model.Kinds;
using Reconciler.Model.Loading;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Loading;

/// <summary>
/// Every folder under Corpus/ is a broken environment with an expected.txt of the exact
/// diagnostics, errors and warnings (paths relative to the folder). A case with warnings only
/// must load. UPDATE_GOLDEN=1 rewrites expected.txt; review the diff.
/// </summary>
public sealed class CorpusTests
{
    private static string CorpusRoot => Path.Combine(TestPaths.ProjectDir, "Corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(CorpusRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    private const string KindsToken = "{kinds}";

    private static string KnownKinds => string.Join(", ", KindCatalog.All.Select(k => k.Name).Prepend("Stack"));

    [Fact]
    public void Corpus_HasAtLeastThirtyCases() => Assert.True(Cases().Count >= 30);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_BrokenEnvironment_ReportsExactlyTheExpectedDiagnostics(string caseName)
    {
        var dir = Path.Combine(CorpusRoot, caseName);

        var result = DesiredStateLoader.Load(dir);

        // Paths are shown as passed; make them relative to the case folder so expected.txt is portable.
        var prefix = dir.Replace('\\', '/');
        var actual = result.Diagnostics.Concat(result.Warnings)
            .Select(d => d with
            {
                Location = d.Location with { File = Path.GetRelativePath(dir, d.Location.File).Replace('\\', '/') },
                Message = d.Message.Replace(prefix + "/", "", StringComparison.Ordinal).Replace(prefix, ".", StringComparison.Ordinal),
            })
            .Select(d => d.ToString())
            .ToList();
        var expectedPath = Path.Combine(dir, "expected.txt");
        if (Golden.Updating)
        {
            File.WriteAllText(expectedPath, string.Concat(actual.Select(l => l.Replace(KnownKinds, KindsToken, StringComparison.Ordinal) + "\n")));
        }

        // {kinds} stands for the list of kinds messages show, so a new kind changes no expected.txt.
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).Select(l => l.Replace(KindsToken, KnownKinds, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        var warningsOnly = result.Diagnostics.Count == 0;
        Assert.Equal(warningsOnly, result.Succeeded);
        Assert.Equal(warningsOnly, result.Stack is not null);
    }
}
