using Reconciler.Tools.AwsClientGenerator;

// Regenerates src/Aws/Clients from tools/AwsClientGenerator/clients.json and botocore's models.
// Usage: dotnet run --project tools/AwsClientGenerator [-- --repo DIR] [--models DIR]
var repo = Option(args, "--repo") ?? RepositoryRoot(Directory.GetCurrentDirectory());
var models = Option(args, "--models") ?? BotocoreData.Locate();
try
{
    var files = ClientGenerator.Generate(Path.Combine(repo, ClientGenerator.ConfigPath), models);
    var output = Path.Combine(repo, ClientGenerator.OutputFolder);
    if (Directory.Exists(output))
    {
        // Services or operations dropped from the config must not leave files behind.
        Directory.Delete(output, recursive: true);
    }

    foreach (var (path, text) in files)
    {
        var full = Path.Combine(repo, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    Console.WriteLine($"Generated {files.Count} files under {ClientGenerator.OutputFolder} from {models}.");
    return 0;
}
catch (GeneratorException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string RepositoryRoot(string from)
{
    for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run inside the repository (no Reconciler.sln above the current folder), or pass --repo DIR.");
}
