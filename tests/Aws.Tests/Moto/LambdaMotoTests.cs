using System.IO.Compression;
using Reconciler.Aws.Clients.Lambda;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class LambdaMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateFunction_IsSeenByTheCliAndReadBackWithItsAlias()
    {
        var role = await RoleAsync();
        var lambda = moto.Clients.CreateLambda();
        var name = MotoFixture.Unique("fn");

        var created = await lambda.CreateFunctionAsync(new CreateFunctionRequest
        {
            FunctionName = name,
            Runtime = "python3.12",
            Role = role,
            Handler = "app.handler",
            Code = new FunctionCode { ZipFile = Zip() },
            Publish = true,
            MemorySize = 256,
            Environment = new Clients.Lambda.Environment { Variables = new Dictionary<string, string> { ["MODEL"] = "v1" } },
            Tags = new Dictionary<string, string> { ["reconciler:stack"] = "dev" },
        });
        await lambda.CreateAliasAsync(new CreateAliasRequest { FunctionName = name, Name = "live", FunctionVersion = created.Version! });

        var read = await lambda.GetFunctionAsync(new GetFunctionRequest { FunctionName = name });
        var alias = await lambda.GetAliasAsync(new GetAliasRequest { FunctionName = name, Name = "live" });
        var cli = await moto.CliAsync("lambda", "get-function", "--function-name", name);
        var listed = await lambda.ListFunctionsAllAsync(new ListFunctionsRequest { MaxItems = 1 }).Select(f => f.FunctionName).ToListAsync();

        Assert.Equal(cli.GetProperty("Configuration").GetProperty("FunctionArn").GetString(), read.Configuration!.FunctionArn);
        Assert.Equal(256, read.Configuration.MemorySize);
        Assert.Equal("v1", read.Configuration.Environment!.Variables!["MODEL"]);
        Assert.Equal("dev", read.Tags!["reconciler:stack"]);
        Assert.Equal(created.Version, alias.FunctionVersion);
        Assert.Contains(name, listed);
    }

    [Fact(Timeout = 120_000)]
    public async Task UpdateAlias_WithRoutingWeights_IsSeenByTheCli()
    {
        var lambda = moto.Clients.CreateLambda();
        var name = MotoFixture.Unique("fn");
        await lambda.CreateFunctionAsync(new CreateFunctionRequest
        {
            FunctionName = name, Runtime = "python3.12", Role = await RoleAsync(), Handler = "app.handler", Code = new FunctionCode { ZipFile = Zip() }, Publish = true,
        });
        var green = (await lambda.PublishVersionAsync(new PublishVersionRequest { FunctionName = name, Description = "green" })).Version!;
        await lambda.CreateAliasAsync(new CreateAliasRequest { FunctionName = name, Name = "live", FunctionVersion = "1" });

        var updated = await lambda.UpdateAliasAsync(new UpdateAliasRequest
        {
            FunctionName = name,
            Name = "live",
            RoutingConfig = new AliasRoutingConfiguration { AdditionalVersionWeights = new Dictionary<string, double> { [green] = 0.25 } },
        });

        var cli = await moto.CliAsync("lambda", "get-alias", "--function-name", name, "--name", "live");
        var versions = await lambda.ListVersionsByFunctionAllAsync(new ListVersionsByFunctionRequest { FunctionName = name, MaxItems = 1 }).Select(v => v.Version).ToListAsync();

        Assert.Equal(0.25, cli.GetProperty("RoutingConfig").GetProperty("AdditionalVersionWeights").GetProperty(green).GetDouble());
        Assert.Equal(0.25, updated.RoutingConfig!.AdditionalVersionWeights![green]);
        Assert.Contains(green, versions);
        Assert.Contains("$LATEST", versions);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetFunction_OfAMissingFunction_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateLambda().GetFunctionAsync(new GetFunctionRequest { FunctionName = "no-such-function" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    private async Task<string> RoleAsync()
    {
        var answer = await moto.CliAsync(
            "iam", "create-role", "--role-name", MotoFixture.Unique("lambda"),
            "--assume-role-policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        return answer.GetProperty("Role").GetProperty("Arn").GetString()!;
    }

    private static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("app.py").Open()))
        {
            writer.Write("def handler(event, context):\n    return {'ok': True}\n");
        }

        return buffer.ToArray();
    }
}
