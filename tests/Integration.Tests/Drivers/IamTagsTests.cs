using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>The one IAM tag adapter, for each resource type it is made for: set, read and remove, checked with the aws CLI.</summary>
[Collection(DriverTestCollection.Name)]
public sealed class IamTagsTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Policy
        metadata:
          name: read-models
        spec:
          document:
            statements:
              - actions: [s3:GetObject]
                resources: [arn:aws:s3:::models/*]
        ---
        kind: Role
        metadata:
          name: app
        spec:
          assumeRolePolicy:
            statements:
              - principals:
                  service: [ec2.amazonaws.com]
                actions: [sts:AssumeRole]
        ---
        kind: InstanceProfile
        metadata:
          name: app
        spec:
          role: app
        """;

    public static TheoryData<string> Kinds() => ["Role", "Policy", "InstanceProfile"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task IamTags_SetThenRemoved_AreWhatTheResourceCarries(string kind)
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAllAsync(("Policy", "read-models"), ("Role", "app"), ("InstanceProfile", "app"));
        var identity = (await harness.ObserveAsync(kind, kind == "Policy" ? "read-models" : "app")).Identity;
        var tags = kind switch { "Role" => IamTags.Role, "Policy" => IamTags.Policy, _ => IamTags.InstanceProfile };

        await tags.SetAsync(harness.Context.Aws, identity, [new("team", "ml"), new("cost-center", "42")], new Dictionary<string, string>(), CancellationToken.None);
        var afterSet = await tags.ReadAsync(harness.Context.Aws, identity, CancellationToken.None);
        await tags.RemoveAsync(harness.Context.Aws, identity, ["cost-center"], afterSet, CancellationToken.None);
        var afterRemove = await tags.ReadAsync(harness.Context.Aws, identity, CancellationToken.None);

        Assert.Equal(("ml", "42"), (afterSet["team"], afterSet["cost-center"]));
        Assert.Equal("ml", afterRemove["team"]);
        Assert.False(afterRemove.ContainsKey("cost-center"));
        Assert.Equal(harness.StackName, afterRemove["reconciler:stack"]);
        Assert.Equal(afterRemove.OrderBy(t => t.Key, StringComparer.Ordinal), await CliTagsAsync(new AwsCli(emulator.Endpoint), kind, identity));
    }

    private static async Task<IEnumerable<KeyValuePair<string, string>>> CliTagsAsync(AwsCli aws, string kind, IReadOnlyDictionary<string, string> identity)
    {
        var tags = kind switch
        {
            "Role" => (await aws.RunAsync("iam", "get-role", "--role-name", identity["id"]))!["Role"]!["Tags"],
            "Policy" => (await aws.RunAsync("iam", "get-policy", "--policy-arn", identity["arn"]))!["Policy"]!["Tags"],
            _ => (await aws.RunAsync("iam", "get-instance-profile", "--instance-profile-name", identity["id"]))!["InstanceProfile"]!["Tags"],
        };
        return tags!.AsArray().Select(t => new KeyValuePair<string, string>((string)t!["Key"]!, (string)t["Value"]!)).OrderBy(t => t.Key, StringComparer.Ordinal);
    }
}
