using Reconciler.Aws.Clients.Iam;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class IamMotoTests(MotoFixture moto)
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    [Fact(Timeout = 120_000)]
    public async Task CreateRole_IsSeenByTheCliAndReadBackWithTagsAndPagedLists()
    {
        var iam = moto.Clients.CreateIam();
        var names = new[] { MotoFixture.Unique("role"), MotoFixture.Unique("role") };
        foreach (var name in names)
        {
            await iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = name,
                AssumeRolePolicyDocument = Trust,
                Description = "for tests",
                Tags = [new Tag { Key = "reconciler:stack", Value = "dev" }],
            });
        }

        var role = (await iam.GetRoleAsync(new GetRoleRequest { RoleName = names[0] })).Role!;
        var cli = await moto.CliAsync("iam", "get-role", "--role-name", names[0]);
        var listed = await iam.ListRolesAllAsync(new ListRolesRequest { MaxItems = 1 }).Select(r => r.RoleName).ToListAsync();

        Assert.Equal(cli.GetProperty("Role").GetProperty("Arn").GetString(), role.Arn);
        Assert.Equal("for tests", cli.GetProperty("Role").GetProperty("Description").GetString());
        Assert.True(role.CreateDate > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal("dev", Assert.Single(role.Tags!).Value);
        Assert.Contains(names[0], listed);
        Assert.Contains(names[1], listed);
    }

    [Fact(Timeout = 60_000)]
    public async Task PutRolePolicy_IsSeenByTheCli()
    {
        var iam = moto.Clients.CreateIam();
        var name = MotoFixture.Unique("role");
        await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Trust });

        await iam.PutRolePolicyAsync(new PutRolePolicyRequest
        {
            RoleName = name,
            PolicyName = "logs",
            PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}""",
        });

        var cli = await moto.CliAsync("iam", "list-role-policies", "--role-name", name);
        Assert.Equal("logs", Assert.Single(cli.GetProperty("PolicyNames").EnumerateArray()).GetString());
        Assert.Equal(["logs"], (await iam.ListRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = name })).PolicyNames!);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetRole_OfAMissingRole_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateIam().GetRoleAsync(new GetRoleRequest { RoleName = "no-such-role" }));

        Assert.Equal("NoSuchEntity", error.ErrorCode);
    }
}
