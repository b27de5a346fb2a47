namespace Reconciler.Model.Tests.Support;

/// <summary>A throwaway environment folder: write YAML files, load them, delete on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconciler-model-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public TempFolder With(string fileName, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), text.ReplaceLineEndings("\n"));
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
