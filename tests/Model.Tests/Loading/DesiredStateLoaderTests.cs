using System.Text.Json.Nodes;
using Reconciler.Model.Loading;
using Reconciler.Model.Specs;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Loading;

public sealed class DesiredStateLoaderTests
{
    [Fact]
    public void Load_MisspelledField_SuggestsClosest()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("network.yaml", Documents.Vpc + """
                ---
                kind: Subnet
                metadata:
                  name: public-a
                spec:
                  vpc: main
                  cidrBlok: 10.0.1.0/24
                """);

        var result = DesiredStateLoader.Load(folder.Path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal($"{folder.Path}/network.yaml:12:3: error: unknown field 'cidrBlok' in Subnet spec; did you mean 'cidrBlock'?", diagnostic.ToString());
        Assert.False(result.Succeeded);
        Assert.Null(result.Stack);
    }

    [Fact]
    public void Load_RelativeDirectory_ShowsPathsAsPassed()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(TestPaths.ProjectDir, "Corpus", "misspelled-field"));

        var result = DesiredStateLoader.Load(relative);

        Assert.Equal(
            $"{relative.Replace('\\', '/')}/network.yaml:12:3: error: unknown field 'cidrBlok' in Subnet spec; did you mean 'cidrBlock'?",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_MissingDirectory_ReportsIt()
    {
        var result = DesiredStateLoader.Load("no/such/folder");

        Assert.Equal(
            "no/such/folder:1:1: error: desired-state folder 'no/such/folder' does not exist; pass the folder holding stack.yaml",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_ValidFolder_TypesSpecsAndFillsDefaults()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("storage.yaml", """
                kind: Bucket
                metadata:
                  name: models
                spec:
                  lifecycleRules:
                    - id: old-versions
                      noncurrentVersionExpirationDays: 30
                ---
                kind: Table
                metadata:
                  name: registry
                spec:
                  partitionKey:
                    name: id
                """);

        var stack = DesiredStateLoader.Load(folder.Path).Stack!;

        var bucket = stack.Resources[0];
        Assert.Equal("test-models", bucket.SpecAs<BucketSpec>().BucketName);
        Assert.Equal(
            """{"bucketName":"test-models","versioning":true,"encryption":"AES256","blockPublicAccess":true,"lifecycleRules":[{"id":"old-versions","prefix":"","noncurrentVersionExpirationDays":30}]}""",
            bucket.SpecJson.ToJsonString());
        var table = stack.Resources[1].SpecAs<TableSpec>();
        Assert.Equal("test-registry", table.TableName);
        Assert.Equal(new KeyAttributeSpec { Name = "id", Type = "S" }, table.PartitionKey);
        Assert.Null(table.SortKey);
        Assert.False(stack.Resources[1].SpecJson.ContainsKey("sortKey"));
    }

    [Fact]
    public void Load_LogGroup_DefaultNameIsStackAndDocumentPath()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("logs.yaml", "kind: LogGroup\nmetadata:\n  name: app\nspec:\n  retentionDays: 30\n");

        var logGroup = DesiredStateLoader.Load(folder.Path).Stack!.Resources.Single();

        Assert.Equal("/test/app", logGroup.SpecAs<LogGroupSpec>().LogGroupName);
        Assert.Equal("/test/app", (string?)logGroup.SpecJson["logGroupName"]);
    }

    [Fact]
    public void Load_Variable_SubstitutedBeforeTyping()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("network.yaml", "kind: Vpc\nmetadata:\n  name: main\nspec:\n  cidrBlock: ${var.vpcCidr}\n")
            .With("logs.yaml", "kind: LogGroup\nmetadata:\n  name: app\nspec:\n  retentionDays: ${var.retention}\n");

        var stack = DesiredStateLoader.Load(folder.Path).Stack!;

        Assert.Equal(14, stack.Resources.Single(r => r.Key.Kind == "LogGroup").SpecAs<LogGroupSpec>().RetentionDays);
        Assert.Equal("10.0.0.0/16", stack.Resources.Single(r => r.Key.Kind == "Vpc").SpecAs<VpcSpec>().CidrBlock);
        Assert.Equal("14", stack.Stack.Variables["retention"]);
    }

    [Fact]
    public void Load_StackDocument_ReadsPoliciesTagsAndUnquotedAccountId()
    {
        using var folder = new TempFolder().With("stack.yaml", """
            kind: Stack
            metadata:
              name: prod
            spec:
              region: eu-west-1
              accountId: 012345678901
              tags:
                cost-center: 42
              policies:
                drift: heal
                deletion: orphan
                maxDeletePercent: 10
                iamWildcards: refuse
                requireMultipleZones: true
            """);

        var stack = DesiredStateLoader.Load(folder.Path).Stack!.Stack;

        Assert.Equal("012345678901", stack.AccountId);
        Assert.Equal("eu-west-1", stack.Region);
        Assert.Equal("42", stack.Tags["cost-center"]);
        Assert.Equal(Stacks.DriftPolicy.Heal, stack.Policies.Drift);
        Assert.Equal(Stacks.DeletionPolicy.Orphan, stack.Policies.Deletion);
        Assert.Equal(10, stack.Policies.MaxDeletePercent);
        Assert.Equal(Stacks.WildcardPolicy.Refuse, stack.Policies.IamWildcards);
        Assert.True(stack.Policies.RequireMultipleZones);
    }

    [Fact]
    public void Load_StackWithoutNewPolicies_WarnsAboutWildcardsAndDoesNotRequireZones()
    {
        using var folder = new TempFolder().With("stack.yaml", Documents.Stack);

        var stack = DesiredStateLoader.Load(folder.Path).Stack!.Stack;

        Assert.Equal(Stacks.WildcardPolicy.Warn, stack.Policies.IamWildcards);
        Assert.False(stack.Policies.RequireMultipleZones);
    }

    [Fact]
    public void Load_Metadata_ReadsPoliciesAndIgnoreFields()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("network.yaml", """
                kind: Vpc
                metadata:
                  name: main
                  tags: { tier: core }
                  drift: heal
                  deletionPolicy: orphan
                  ignoreFields: [enableDnsHostnames, tags.owner]
                spec:
                  cidrBlock: 10.0.0.0/16
                """);

        var metadata = DesiredStateLoader.Load(folder.Path).Stack!.Resources.Single().Metadata;

        Assert.Equal("core", metadata.Tags["tier"]);
        Assert.Equal(Stacks.DriftPolicy.Heal, metadata.Drift);
        Assert.Equal(Stacks.DeletionPolicy.Orphan, metadata.DeletionPolicy);
        Assert.Equal(["enableDnsHostnames", "tags.owner"], metadata.IgnoreFields);
    }

    [Fact]
    public void Load_References_BecomeDependsOnIncludingListItemsAndNestedRecords()
    {
        var stack = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", "dev")).Stack!;

        var routeTable = stack.Find(new ResourceKey("RouteTable", "public"))!;
        Assert.Equal(
            [new("Vpc", "main"), new("InternetGateway", "main"), new("Subnet", "public-a"), new("Subnet", "public-b")],
            routeTable.DependsOn);
        var app = stack.Find(new ResourceKey("SecurityGroup", "app"))!;
        Assert.Equal([new ResourceKey("Vpc", "main")], app.DependsOn);
        Assert.Equal([new("SecurityGroup", "alb"), new("SecurityGroup", "db")], app.SoftReferences);
    }

    [Fact]
    public void Load_SecurityGroupsAllowingEachOther_AreNotACycle()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("security.yaml", Documents.Vpc + """
                ---
                kind: SecurityGroup
                metadata:
                  name: a
                spec:
                  vpc: main
                  description: A
                  ingress: [{ fromPort: 1, toPort: 1, securityGroup: b }]
                ---
                kind: SecurityGroup
                metadata:
                  name: b
                spec:
                  vpc: main
                  description: B
                  ingress: [{ fromPort: 1, toPort: 1, securityGroup: a }]
                """);

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.Empty(result.Diagnostics);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Load_FilesSortedByName_ResourcesInFileThenDocumentOrder()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("b.yml", "kind: LogGroup\nmetadata:\n  name: second\nspec:\n  retentionDays: 1\n---\nkind: LogGroup\nmetadata:\n  name: third\nspec:\n  retentionDays: 1\n---\n")
            .With("a.yaml", "kind: LogGroup\nmetadata:\n  name: first\nspec:\n  retentionDays: 1\n")
            .With("notes.txt", "not yaml");
        Directory.CreateDirectory(Path.Combine(folder.Path, "nested"));
        File.WriteAllText(Path.Combine(folder.Path, "nested", "x.yaml"), "kind: Nonsense\n");

        var stack = DesiredStateLoader.Load(folder.Path).Stack!;

        Assert.Equal(["first", "second", "third"], stack.Resources.Select(r => r.Key.Name));
        Assert.Equal(new Stacks.SourceLocation($"{folder.Path}/b.yml", 7, 1), stack.Resources[2].Location);
    }

    [Fact]
    public void Load_Hash_IsStableAndCoversSpecAndTags()
    {
        using var one = new TempFolder().With("stack.yaml", Documents.Stack).With("n.yaml", Documents.Vpc);
        using var two = new TempFolder().With("stack.yaml", Documents.Stack).With("n.yaml", Documents.Vpc);
        using var tagged = new TempFolder().With("stack.yaml", Documents.Stack.Replace("team: platform", "team: data", StringComparison.Ordinal)).With("n.yaml", Documents.Vpc);

        var hash = DesiredStateLoader.Load(one.Path).Stack!.Resources[0].Hash;

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, DesiredStateLoader.Load(two.Path).Stack!.Resources[0].Hash);
        Assert.NotEqual(hash, DesiredStateLoader.Load(tagged.Path).Stack!.Resources[0].Hash);
    }

    [Fact]
    public void Load_PlaintextSecret_MessageNeverEchoesTheValue()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("network.yaml", $"kind: Vpc\nmetadata:\n  name: main\nspec:\n  cidrBlock: 10.0.0.0/16\n  enableDnsSupport: {secret}\n");

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.Equal(
            $"""
            {folder.Path}/network.yaml:6:21: error: field 'enableDnsSupport' in Vpc spec must be true or false, got a string
            {folder.Path}/network.yaml:6:21: error: plaintext secret in field 'spec.enableDnsSupport'; store it in Secrets Manager (or SSM Parameter Store) and give the secret's ARN instead, e.g. a DbInstance's masterPasswordSecret or an environment variable's valueFrom
            """,
            string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SecretReferences_AreNotPlaintextSecrets()
    {
        using var folder = new TempFolder().With("stack.yaml", Documents.Stack.TrimEnd() + """

                dbPasswordArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:db
                apiToken: ${var.retention}
                tokenEnabled: true
                gitSha: 0123456789abcdef0123456789abcdef01234567
            """);

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("kind: [unclosed\n")]
    [InlineData("\t- tabs\n")]
    [InlineData("kind: Vpc\nmetadata: &a { name: main }\nspec: *a\n")]
    [InlineData("kind: Vpc\nmetadata:\n  name: [main]\nspec:\n  cidrBlock: { a: 1 }\n  enableDnsSupport: [1]\n")]
    [InlineData("kind: Subnet\nmetadata:\n  name: a\nspec:\n  vpc: [x]\n  cidrBlock: ~\n")]
    [InlineData("kind: SecurityGroup\nmetadata:\n  name: a\nspec:\n  vpc: main\n  description: x\n  ingress: [~, 1, [2], { fromPort: x, toPort: 99999999999999999999 }]\n")]
    [InlineData("kind: Table\nmetadata:\n  name: t\nspec:\n  billingMode: PROVISIONED\n  partitionKey: { name: ~ }\n")]
    [InlineData("---\n---\n42\n")]
    [InlineData("kind: Stack\n")]
    [InlineData("kind: Stack\nmetadata: x\nspec: [1]\n")]
    [InlineData("? [complex]\n: key\n")]
    public void Load_MalformedInput_ReportsWithoutThrowing(string yaml)
    {
        using var folder = new TempFolder().With("stack.yaml", Documents.Stack).With("bad.yaml", yaml);

        var result = DesiredStateLoader.Load(folder.Path);

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Matches(@"^.+:\d+:\d+: error: .+$", d.ToString()));
    }

    [Fact]
    public void Load_SyntaxErrorInOneFile_SkipsCrossDocumentChecks()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack)
            .With("network.yaml", "kind: Vpc\nmetadata:\n  name: main\n spec: {}\n")
            .With("subnets.yaml", "kind: Subnet\nmetadata:\n  name: a\nspec:\n  vpc: main\n  cidrBlock: 10.0.1.0/24\n");

        var result = DesiredStateLoader.Load(folder.Path);

        // The Vpc document was lost to the syntax error: no "dangling reference" on top of it.
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith($"{folder.Path}/network.yaml:4:2: error: invalid YAML:", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryErrorAtOnce_SortedByFileLineColumn()
    {
        var result = DesiredStateLoader.Load(Path.Combine(TestPaths.ProjectDir, "Corpus", "many-errors-across-files"));

        Assert.Equal(9, result.Diagnostics.Count);
        Assert.Equal(
            result.Diagnostics.OrderBy(d => d.Location.File, StringComparer.Ordinal).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column),
            result.Diagnostics);
    }

    [Fact]
    public void Load_SpecJson_DropsNullsAndKeepsListsAsArrays()
    {
        var stack = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", "dev")).Stack!;

        var db = stack.Find(new ResourceKey("SecurityGroup", "db"))!;
        Assert.IsType<JsonArray>(db.SpecJson["egress"]);
        Assert.Empty(db.SpecJson["egress"]!.AsArray());
        var rule = db.SpecJson["ingress"]![0]!.AsObject();
        Assert.False(rule.ContainsKey("cidrBlocks"));
        Assert.Equal("app", (string?)rule["securityGroup"]);
    }
}
