namespace Reconciler.Integration.Tests.Engine;

/// <summary>A small stack folder written by a test: the Stack document and one file of resources, editable between applies.</summary>
internal sealed class EngineStackFolder : IDisposable
{
    public EngineStackFolder(string stack, string accountId, string resources)
    {
        Stack = stack;
        Path = Directory.CreateTempSubdirectory("reconciler-engine-").FullName;
        File.WriteAllText(System.IO.Path.Combine(Path, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: {stack}
            spec:
              region: us-east-1
              accountId: "{accountId}"
              tags:
                project: engine-tests
              policies:
                deletion: delete
                maxDeletePercent: 100
            """);
        Write(resources);
    }

    public string Stack { get; }

    public string Path { get; }

    /// <summary>Replaces the resource documents, as a commit would.</summary>
    public void Write(string resources) => File.WriteAllText(System.IO.Path.Combine(Path, "resources.yaml"), resources);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
