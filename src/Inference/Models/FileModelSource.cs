namespace Reconciler.Inference.Models;

/// <summary>Reads a model from the local file system; relative paths are taken from the application folder.</summary>
internal static class FileModelSource
{
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));

    public static async Task<ModelBytes> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Resolve(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Model file '{full}' does not exist; check Inference:Models:*:Path.", full);
        }

        return new ModelBytes(await File.ReadAllBytesAsync(full, cancellationToken), full);
    }
}
