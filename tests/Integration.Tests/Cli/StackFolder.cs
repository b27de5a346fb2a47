namespace Reconciler.Integration.Tests.Cli;

/// <summary>A scratch copy of an environment folder of desired-state/, for a test to edit freely.</summary>
internal sealed class StackFolder : IDisposable
{
    private StackFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Copies desired-state/<paramref name="environment"/> of this repository to a new temporary folder.</summary>
    public static StackFolder CopyOf(string environment)
    {
        var source = System.IO.Path.Combine(RepositoryRoot(), "desired-state", environment);
        var target = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconciler-test-" + Guid.NewGuid().ToString("N"), environment);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return new StackFolder(target);
    }

    /// <summary>The folder holding Reconciler.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Replaces text in one file of the folder; fails when the text is not there.</summary>
    public void Edit(string file, string find, string replace)
    {
        var path = System.IO.Path.Combine(Path, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    /// <summary>Removes the document (between --- separators) that declares <c>name: <paramref name="name"/></c> from a file.</summary>
    public void RemoveDocument(string file, string name)
    {
        var path = System.IO.Path.Combine(Path, file);
        var documents = File.ReadAllText(path).Split("\n---\n");
        var kept = documents.Where(d => !d.Contains($"\n  name: {name}\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(documents.Length - 1, kept.Count);
        File.WriteAllText(path, string.Join("\n---\n", kept));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
