namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// Finds the built inference service (Reconciler.Inference.dll) the sandbox runs for blue and
/// green: <c>RECONCILER_INFERENCE_DLL</c>, else the newest build under src/Inference/bin of the
/// repository the reconciler runs from.
/// </summary>
internal static class InferenceLocator
{
    public const string Variable = "RECONCILER_INFERENCE_DLL";
    private const string FileName = "Reconciler.Inference.dll";

    /// <exception cref="DataPlaneException">No build was found.</exception>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new DataPlaneException($"{Variable} names '{configured}', which does not exist.");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var bin = Path.Combine(folder.FullName, "src", "Inference", "bin");
            if (Directory.Exists(bin)
                && Directory.EnumerateFiles(bin, FileName, SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .OrderByDescending(File.GetLastWriteTimeUtc)
                    .FirstOrDefault() is { } built)
            {
                return built;
            }
        }

        throw new DataPlaneException(
            $"the sandbox data plane runs the inference service, which is not built: run 'dotnet build src/Inference' in the repository (or set {Variable} to its {FileName}).");
    }
}
