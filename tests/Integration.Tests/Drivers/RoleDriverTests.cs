using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class RoleDriverTests(AwsEmulatorFixture emulator)
{
    private const string Template = """
        kind: Policy
        metadata:
          name: read-models
        spec:
          document:
            statements:
              - actions: [s3:GetObject, s3:GetObjectVersion]
                resources: [arn:aws:s3:::models/*]
        ---
        kind: Role
        metadata:
          name: app
          tags:
            tier: app
        spec:
          description: The inference service's instances
          assumeRolePolicy:
            statements:
              - principals:
                  service: [ec2.amazonaws.com]
                actions: [sts:AssumeRole]
          policies: [read-models]
          managedPolicyArns: [EXTERNAL]
          inlinePolicies:
            - name: write-logs
              document:
                statements:
                  - sid: WriteLogs
                    actions: [logs:CreateLogStream, logs:PutLogEvents]
                    resources: [arn:aws:logs:us-east-1:123456789012:log-group:/app:*]
        """;

    // moto loads no AWS managed policies, so the policy the stack does not describe is made by the CLI, once.
    private const string ExternalPolicy = "driver-tests-external";

    private string ExternalArn => $"arn:aws:iam::{emulator.AccountId}:policy/{ExternalPolicy}";

    private string Documents => Template.Replace("EXTERNAL", ExternalArn, StringComparison.Ordinal);

    private async Task<AwsCli> CliWithExternalPolicyAsync()
    {
        var aws = new AwsCli(emulator.Endpoint);
        try
        {
            await aws.RunAsync("iam", "create-policy", "--policy-name", ExternalPolicy, "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("EntityAlreadyExists", StringComparison.Ordinal))
        {
            // Made by an earlier test on this emulator.
        }

        return aws;
    }

    [Fact]
    public async Task Role_Created_ObserveMatchesDesiredAndTheCliSeesItsPolicies()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();

        await harness.CreateAsync("Policy", "read-models");
        var created = await harness.CreateAsync("Role", "app");
        var observed = await harness.ObserveAsync("Role", "app");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var name = $"{harness.StackName}-app";
        Assert.Equal(name, observed.Outputs["roleName"]);
        var role = (await aws.RunAsync("iam", "get-role", "--role-name", name))!["Role"]!;
        Assert.Equal("ec2.amazonaws.com", Principal(role["AssumeRolePolicyDocument"]!));
        var attached = (await aws.RunAsync("iam", "list-attached-role-policies", "--role-name", name))!["AttachedPolicies"]!.AsArray();
        Assert.Equal(
            new[] { $"{harness.StackName}-read-models", ExternalPolicy }.Order(StringComparer.Ordinal),
            attached.Select(p => (string)p!["PolicyName"]!).Order(StringComparer.Ordinal));
        var inline = (await aws.RunAsync("iam", "get-role-policy", "--role-name", name, "--policy-name", "write-logs"))!;
        Assert.Equal("WriteLogs", (string)inline["PolicyDocument"]!["Statement"]![0]!["Sid"]!);
    }

    [Fact]
    public async Task Role_CreatedTwice_AdoptsTheExistingRole()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");

        var first = await harness.CreateAsync("Role", "app");
        var second = await harness.CreateAsync("Role", "app");

        harness.AssertInSync(second);
        Assert.Equal(first.Identity["arn"], second.Identity["arn"]);
    }

    [Fact]
    public async Task Role_StatementAddedOutOfBandToAnInlinePolicy_IsDriftAndUpdateRemovesIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        await harness.CreateAsync("Role", "app");
        var name = $"{harness.StackName}-app";
        var widened = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"WriteLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:123456789012:log-group:/app:*"},
              {"Effect":"Allow","Action":"s3:*","Resource":"*"}]}
            """;

        await aws.RunAsync("iam", "put-role-policy", "--role-name", name, "--policy-name", "write-logs", "--policy-document", widened);
        var observed = await harness.ObserveAsync("Role", "app");
        var (updated, fields) = await harness.UpdateAsync("Role", "app");

        Assert.Equal(["inlinePolicies"], harness.Changes(observed).Select(f => f.Path));
        Assert.Equal(["inlinePolicies"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var inline = (await aws.RunAsync("iam", "get-role-policy", "--role-name", name, "--policy-name", "write-logs"))!;
        Assert.Single(inline["PolicyDocument"]!["Statement"]!.AsArray());
    }

    [Fact]
    public async Task Role_InlinePolicyAddedOutOfBand_IsDriftAndUpdateDeletesIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        await harness.CreateAsync("Role", "app");
        var name = $"{harness.StackName}-app";

        await aws.RunAsync("iam", "put-role-policy", "--role-name", name, "--policy-name", "extra", "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}""");
        var (updated, fields) = await harness.UpdateAsync("Role", "app");

        Assert.Equal(["inlinePolicies"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var names = (await aws.RunAsync("iam", "list-role-policies", "--role-name", name))!["PolicyNames"]!.AsArray();
        Assert.Equal(["write-logs"], names.Select(n => (string)n!));
    }

    [Fact]
    public async Task Role_TrustPolicyChangedOutOfBand_IsDriftNamingItAndUpdateRestoresIt()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        await harness.CreateAsync("Role", "app");
        var name = $"{harness.StackName}-app";

        await aws.RunAsync("iam", "update-assume-role-policy", "--role-name", name, "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var plan = harness.Plan(await harness.ObserveAsync("Role", "app"));
        var (updated, _) = await harness.UpdateAsync("Role", "app");

        var change = plan.Changes.Single(c => c.Key.Kind == "Role");
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal(["assumeRolePolicy.statements"], change.Fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var role = (await aws.RunAsync("iam", "get-role", "--role-name", name))!["Role"]!;
        Assert.Equal("ec2.amazonaws.com", Principal(role["AssumeRolePolicyDocument"]!));
    }

    [Fact]
    public async Task Role_ManagedPolicyDetachedOutOfBand_IsDriftAndUpdateAttachesItAgain()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        var created = await harness.CreateAsync("Role", "app");

        await aws.RunAsync("iam", "detach-role-policy", "--role-name", created.Identity["id"], "--policy-arn", ExternalArn);
        var (updated, fields) = await harness.UpdateAsync("Role", "app");

        Assert.Equal(["managedPolicyArns"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task Role_ChangedInDocument_UpdateAppliesDescriptionSessionPoliciesAndInlineInPlace()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        var created = await harness.CreateAsync("Role", "app");

        harness.Load(Documents
            .Replace("description: The inference service's instances", "description: Inference\n  maxSessionDuration: 7200", StringComparison.Ordinal)
            .Replace("policies: [read-models]", "policies: []", StringComparison.Ordinal)
            .Replace("logs:CreateLogStream, logs:PutLogEvents", "logs:PutLogEvents", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Role", "app");

        Assert.Equal(["description", "inlinePolicies", "maxSessionDuration", "policies"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        Assert.Equal(created.Identity["arn"], updated.Identity["arn"]);
        var role = (await aws.RunAsync("iam", "get-role", "--role-name", created.Identity["id"]))!["Role"]!;
        Assert.Equal((7200, "Inference"), ((int)role["MaxSessionDuration"]!, (string)role["Description"]!));
        var attached = (await aws.RunAsync("iam", "list-attached-role-policies", "--role-name", created.Identity["id"]))!["AttachedPolicies"]!.AsArray();
        Assert.Equal([ExternalPolicy], attached.Select(p => (string)p!["PolicyName"]!));
    }

    [Fact]
    public async Task Role_SessionLengthChangedWithoutADescriptionInTheDocument_KeepsTheDescriptionAWSHolds()
    {
        var documents = Documents.Replace("  description: The inference service's instances\n", "", StringComparison.Ordinal);
        using var harness = new DriverHarness(emulator, documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        var created = await harness.CreateAsync("Role", "app");
        await aws.RunAsync("iam", "update-role-description", "--role-name", created.Identity["id"], "--description", "Set by hand");

        harness.Load(documents.Replace("  assumeRolePolicy:", "  maxSessionDuration: 7200\n  assumeRolePolicy:", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Role", "app");

        Assert.Equal(["maxSessionDuration"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var role = (await aws.RunAsync("iam", "get-role", "--role-name", created.Identity["id"]))!["Role"]!;
        Assert.Equal((7200, "Set by hand"), ((int)role["MaxSessionDuration"]!, (string)role["Description"]!));
    }

    [Fact]
    public async Task Role_PermissionsBoundaryFromAPolicyDocument_IsSetAndObservedAsTheReference()
    {
        var documents = Documents.Replace("  policies: [read-models]", "  permissionsBoundaryPolicy: read-models", StringComparison.Ordinal);
        using var harness = new DriverHarness(emulator, documents);
        var aws = await CliWithExternalPolicyAsync();
        var policy = await harness.CreateAsync("Policy", "read-models");

        var created = await harness.CreateAsync("Role", "app");

        harness.AssertInSync(created);
        Assert.Equal("read-models", ((RoleSpec)created.Live!).PermissionsBoundaryPolicy);
        var role = (await aws.RunAsync("iam", "get-role", "--role-name", created.Identity["id"]))!["Role"]!;
        Assert.Equal(policy.Identity["arn"], (string)role["PermissionsBoundary"]!["PermissionsBoundaryArn"]!);
    }

    [Fact]
    public async Task Role_PathChangedInDocument_PlansAReplaceNamingPath()
    {
        using var harness = new DriverHarness(emulator, Documents);
        await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        await harness.CreateAsync("Role", "app");

        harness.Load(Documents.Replace("  description:", "  path: /app/\n  description:", StringComparison.Ordinal));
        var plan = harness.Plan(await harness.ObserveAsync("Role", "app"));

        var change = plan.Changes.Single(c => c.Key.Kind == "Role");
        Assert.Equal(ChangeAction.Replace, change.Action);
        var field = Assert.Single(change.Fields);
        Assert.Equal(("path", true), (field.Path, field.ForcesReplacement));
    }

    [Fact]
    public async Task Role_DeletedWithPoliciesAttached_IsDetachedAndGoneAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var aws = await CliWithExternalPolicyAsync();
        await harness.CreateAsync("Policy", "read-models");
        var created = await harness.CreateAsync("Role", "app");

        await harness.DeleteAsync("Role", "app", created.Identity);
        var observed = await harness.ObserveAsync("Role", "app", recorded: created.Identity);
        await harness.DeleteAsync("Role", "app", created.Identity);

        Assert.False(observed.Exists);
        var roles = (await aws.RunAsync("iam", "list-roles"))!["Roles"]!.AsArray();
        Assert.DoesNotContain(roles, r => (string)r!["RoleName"]! == created.Identity["id"]);
    }

    // The CLI prints the trust policy decoded, with a single service as a string or a list.
    private static string Principal(JsonNode document)
    {
        var service = document["Statement"]![0]!["Principal"]!["Service"]!;
        return service is JsonArray list ? (string)list.Single()! : (string)service!;
    }
}
