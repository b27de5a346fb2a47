namespace Reconciler.Controller.Tests.Permissions;

/// <summary>The repository's root, found above the test binaries.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Reconciler.sln not found above {AppContext.BaseDirectory}");
    }
}
