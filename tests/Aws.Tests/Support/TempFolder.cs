namespace Reconciler.Aws.Tests.Support;

/// <summary>A folder that is removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("aws-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
