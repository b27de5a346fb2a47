using Reconciler.Tools.AwsClientGenerator;

namespace Reconciler.Aws.Tests.Generator;

public sealed class GeneratedClientsTests
{
    private const string Regenerate = "dotnet run --project tools/AwsClientGenerator";

    [Fact]
    public void CommittedClients_AreExactlyWhatTheGeneratorMakesFromTheConfigAndModels()
    {
        var root = RepositoryRoot();
        var generated = ClientGenerator.Generate(Path.Combine(root, ClientGenerator.ConfigPath), BotocoreData.Locate());

        foreach (var (path, text) in generated)
        {
            var file = Path.Combine(root, path);
            Assert.True(File.Exists(file), $"{path} is missing; run `{Regenerate}` and commit the result.");
            Assert.True(text == File.ReadAllText(file), $"{path} differs from what the generator makes; run `{Regenerate}` and commit the result.");
        }

        var committed = Directory.GetFiles(Path.Combine(root, ClientGenerator.OutputFolder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !generated.ContainsKey(f))
            .ToList();
        Assert.True(committed.Count == 0, $"{string.Join(", ", committed)} is not generated any more; run `{Regenerate}` (it removes stale files).");
    }

    [Fact]
    public void Generator_RefusesAnOperationDeclaredAgainstTheModelsReadonlyFlag()
    {
        using var folder = new TempFolder();
        var config = Path.Combine(folder.Path, "clients.json");
        File.WriteAllText(config, """
            { "services": [ { "model": "ecs", "version": "2014-11-13", "name": "Ecs",
              "operations": { "DescribeClusters": "write", "ListTagsForResource": "write", "CreateCluster": "maybe", "ListThings": "read" } } ] }
            """);

        var error = Assert.Throws<GeneratorException>(() => ClientGenerator.Generate(config, BotocoreData.Locate()));

        Assert.Contains("Ecs.DescribeClusters: declared write, but the model marks it readonly: true; declare it \"read\".", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ecs.ListTagsForResource: declared write, but the model marks it readonly: true; declare it \"read\".", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ecs.CreateCluster: declared 'maybe'; declare it \"read\" or \"write\".", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ecs: operation 'ListThings' is not in ecs/2014-11-13/service-2.json.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_HoldsEveryGeneratedOperationOnceAndRefusesUnknownOnes()
    {
        Assert.Equal(AwsOperationCatalog.All.Count, AwsOperationCatalog.All.Distinct().Count());
        Assert.Contains(Clients.Lambda.LambdaOperations.CreateFunction, AwsOperationCatalog.All);
        Assert.True(AwsOperationCatalog.Get(AwsService.Iam, "DeleteRole").Writes);
        Assert.False(AwsOperationCatalog.Get(AwsService.ElasticLoadBalancingV2, "DescribeTargetGroups").Writes);

        var error = Assert.Throws<ArgumentException>(() => AwsOperationCatalog.Get(AwsService.Iam, "DeleteUser"));
        Assert.StartsWith("AWS IAM operation 'DeleteUser' is not generated; add it to tools/AwsClientGenerator/clients.json", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no Reconciler.sln above " + AppContext.BaseDirectory);
    }
}
