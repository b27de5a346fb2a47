using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class PolicyDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Policy
        metadata:
          name: read-models
          tags:
            data: models
        spec:
          description: Read the model bucket
          document:
            statements:
              - sid: ReadModels
                actions: [s3:GetObject, s3:GetObjectVersion]
                resources: [arn:aws:s3:::models/*]
              - actions: [cloudwatch:PutMetricData]
                resources: ["*"]
                conditions:
                  - test: StringEquals
                    variable: cloudwatch:namespace
                    values: [MlPlatform]
        """;

    [Fact]
    public async Task Policy_Created_ObserveMatchesDesiredAndTheCliReadsTheDocument()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);

        var created = await harness.CreateAsync("Policy", "read-models");
        var observed = await harness.ObserveAsync("Policy", "read-models");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var arn = observed.Outputs["policyArn"];
        Assert.Equal($"arn:aws:iam::{emulator.AccountId}:policy/{harness.StackName}-read-models", arn);
        var version = (await aws.RunAsync("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1"))!["PolicyVersion"]!;
        var statements = version["Document"]!["Statement"]!.AsArray();
        Assert.Equal(["ReadModels", null], statements.Select(s => (string?)s!["Sid"]));
        var tags = (await aws.RunAsync("iam", "list-policy-tags", "--policy-arn", arn))!["Tags"]!.AsArray();
        Assert.Contains(tags, t => (string)t!["Key"]! == "data" && (string)t["Value"]! == "models");
    }

    [Fact]
    public async Task Policy_FromDocumentFile_IsCreatedFromTheFile_ObservesInSync_AndAFileChangeIsAnUpdate()
    {
        const string FromFile = """
            kind: Policy
            metadata:
              name: from-file
            spec:
              documentFile: policy.json
            """;
        using var harness = new DriverHarness(
            emulator,
            FromFile,
            ("policy.json", """{"Version": "2012-10-17", "Statement": [{"Sid": "ReadModels", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::models/*"]}]}"""));
        var aws = new AwsCli(emulator.Endpoint);

        var created = await harness.CreateAsync("Policy", "from-file");
        harness.AssertInSync(created);
        harness.AssertInSync(await harness.ObserveAsync("Policy", "from-file"));
        var arn = created.Outputs["policyArn"];
        var v1 = (await aws.RunAsync("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1"))!["PolicyVersion"]!;
        Assert.Equal("s3:GetObject", (string?)v1["Document"]!["Statement"]![0]!["Action"]!.AsArray().Single());

        harness.WriteFile("policy.json", """{"Version": "2012-10-17", "Statement": [{"Sid": "ReadModels", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": ["arn:aws:s3:::models/*"]}]}""");
        harness.Load(FromFile);
        var (updated, fields) = await harness.UpdateAsync("Policy", "from-file");

        Assert.Equal(["document.statements"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var v2 = (await aws.RunAsync("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v2"))!["PolicyVersion"]!;
        Assert.Equal(["s3:GetObject", "s3:GetObjectVersion"], v2["Document"]!["Statement"]![0]!["Action"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task Policy_NewDefaultVersionMadeOutOfBand_IsDriftAndUpdateMakesTheDocumentsVersionDefault()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        var created = await harness.CreateAsync("Policy", "read-models");
        var arn = created.Identity["arn"];

        await aws.RunAsync("iam", "create-policy-version", "--policy-arn", arn, "--set-as-default", "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");
        var observed = await harness.ObserveAsync("Policy", "read-models");
        var (updated, fields) = await harness.UpdateAsync("Policy", "read-models");

        Assert.Equal(["document.statements"], harness.Changes(observed).Select(f => f.Path));
        Assert.Equal(["document.statements"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var policy = (await aws.RunAsync("iam", "get-policy", "--policy-arn", arn))!["Policy"]!;
        Assert.Equal("v3", (string)policy["DefaultVersionId"]!);
    }

    [Fact]
    public async Task Policy_DocumentChangedWithFiveVersions_DeletesTheOldestNonDefaultAndMakesANewDefault()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        var created = await harness.CreateAsync("Policy", "read-models");
        var arn = created.Identity["arn"];
        for (var i = 0; i < 4; i++)
        {
            await aws.RunAsync("iam", "create-policy-version", "--policy-arn", arn, "--policy-document", $$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::old-{{{i}}}/*"}]}""");
        }

        harness.Load(Documents.Replace("s3:GetObject, s3:GetObjectVersion", "s3:GetObject", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Policy", "read-models");

        Assert.Equal(["document.statements"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var versions = (await aws.RunAsync("iam", "list-policy-versions", "--policy-arn", arn))!["Versions"]!.AsArray();
        Assert.Equal(
            ["v1", "v3", "v4", "v5", "v6"],
            versions.Select(v => (string)v!["VersionId"]!).Order(StringComparer.Ordinal));
        Assert.Equal("v6", (string)versions.Single(v => (bool)v!["IsDefaultVersion"]!)!["VersionId"]!);
    }

    [Fact]
    public async Task Policy_DescriptionChangedInDocument_PlansAReplaceNamingDescription()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await harness.CreateAsync("Policy", "read-models");

        harness.Load(Documents.Replace("Read the model bucket", "Read models", StringComparison.Ordinal));
        var plan = harness.Plan(await harness.ObserveAsync("Policy", "read-models"));

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeAction.Replace, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("description", true), (field.Path, field.ForcesReplacement));
    }

    [Fact]
    public async Task Policy_DeletedWithOldVersions_IsGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        var created = await harness.CreateAsync("Policy", "read-models");
        await aws.RunAsync("iam", "create-policy-version", "--policy-arn", created.Identity["arn"], "--set-as-default", "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::models/*"}]}""");

        await harness.DeleteAsync("Policy", "read-models", created.Identity);
        var observed = await harness.ObserveAsync("Policy", "read-models", recorded: created.Identity);
        await harness.DeleteAsync("Policy", "read-models", created.Identity);

        Assert.False(observed.Exists);
        var policies = (await aws.RunAsync("iam", "list-policies", "--scope", "Local"))!["Policies"]!.AsArray();
        Assert.DoesNotContain(policies, p => (string)p!["Arn"]! == created.Identity["arn"]);
    }

    [Fact]
    public async Task Policy_TagRemovedOutOfBand_ObserveShowsItAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        var created = await harness.CreateAsync("Policy", "read-models");

        await aws.RunAsync("iam", "untag-policy", "--policy-arn", created.Identity["arn"], "--tag-keys", "data");
        var observed = await harness.ObserveAsync("Policy", "read-models");
        var (updated, fields) = await harness.UpdateAsync("Policy", "read-models");

        Assert.False(observed.Tags.ContainsKey("data"));
        Assert.Equal([Planner.TagsPath], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task Policy_DeletedWhileARoleOutsideTheStackAttachesIt_IsRefusedNamingTheRole()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = new AwsCli(emulator.Endpoint);
        var created = await harness.CreateAsync("Policy", "read-models");
        var role = $"{harness.StackName}-outside";
        await aws.RunAsync("iam", "create-role", "--role-name", role, "--assume-role-policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        await aws.RunAsync("iam", "attach-role-policy", "--role-name", role, "--policy-arn", created.Identity["arn"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => harness.DeleteAsync("Policy", "read-models", created.Identity));

        Assert.Contains($"still attached to role {role}", error.Message, StringComparison.Ordinal);
        harness.AssertInSync(await harness.ObserveAsync("Policy", "read-models"));
        await aws.RunAsync("iam", "detach-role-policy", "--role-name", role, "--policy-arn", created.Identity["arn"]);
        await aws.RunAsync("iam", "delete-role", "--role-name", role);
    }
}
