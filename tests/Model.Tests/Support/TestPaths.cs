namespace Reconciler.Model.Tests.Support;

/// <summary>Finds test data in the source tree, so golden files can be regenerated in place.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Reconciler.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root (the folder holding Reconciler.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>This test project's source folder.</summary>
    public static string ProjectDir => Path.Combine(RepoRoot, "tests", "Model.Tests");

    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);
}
