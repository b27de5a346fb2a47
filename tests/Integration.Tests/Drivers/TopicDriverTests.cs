using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class TopicDriverTests(AwsEmulatorFixture emulator)
{
    private const string Documents = """
        kind: Topic
        metadata:
          name: alerts
          tags:
            team: platform
        spec:
          emailSubscriptions: [ops@example.com]
          kmsMasterKeyId: alias/aws/sns
        """;

    private readonly AwsCli _aws = new(emulator.Endpoint);

    // Named per test (not {stack}-...), so the policy can name the topic's ARN before the stack name is known.
    private readonly string _topic = $"alerts-{Guid.NewGuid():N}"[..18];

    private string TopicArn => $"arn:aws:sns:us-east-1:{emulator.AccountId}:{_topic}";

    private string PolicyDocuments => $$"""
        kind: Topic
        metadata:
          name: alerts
        spec:
          topicName: {{_topic}}
          policy:
            statements:
              - sid: BudgetsPublish
                principals:
                  service: [budgets.amazonaws.com]
                actions: [SNS:Publish]
                resources: ["{{TopicArn}}"]
                conditions:
                  - test: StringEquals
                    variable: aws:SourceAccount
                    values: ["{{emulator.AccountId}}"]
              - sid: CloudWatchAlarmsPublish
                principals:
                  service: [cloudwatch.amazonaws.com]
                actions: [SNS:Publish]
                resources: ["{{TopicArn}}"]
                conditions:
                  - test: StringEquals
                    variable: aws:SourceAccount
                    values: ["{{emulator.AccountId}}"]
        """;

    // Another account's publishing, as a console edit would leave it (SNS's own JSON: single values, no list).
    private string ForeignPolicy => $$"""{"Version":"2012-10-17","Id":"edited","Statement":[{"Sid":"Foreign","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"SNS:Publish","Resource":"{{TopicArn}}"}]}""";

    [Fact]
    public async Task Topic_Created_ObserveMatchesDesiredAndTheCliSeesItsSubscriptionAndTags()
    {
        using var harness = new DriverHarness(emulator, Documents);

        var created = await harness.CreateAsync("Topic", "alerts");
        var observed = await harness.ObserveAsync("Topic", "alerts");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var arn = observed.Outputs["topicArn"];
        Assert.EndsWith($":{harness.StackName}-alerts", arn, StringComparison.Ordinal);
        var subscriptions = (await _aws.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", arn))!["Subscriptions"]!.AsArray();
        Assert.Equal([("email", "ops@example.com")], subscriptions.Select(s => ((string)s!["Protocol"]!, (string)s["Endpoint"]!)));
        var tags = (await _aws.RunAsync("sns", "list-tags-for-resource", "--resource-arn", arn))!["Tags"]!.AsArray();
        Assert.Contains(tags, t => (string)t!["Key"]! == "team" && (string)t["Value"]! == "platform");
        var attributes = (await _aws.RunAsync("sns", "get-topic-attributes", "--topic-arn", arn))!["Attributes"]!;
        Assert.Equal("alias/aws/sns", (string)attributes["KmsMasterKeyId"]!);
    }

    [Fact]
    public async Task Topic_CreatedTwice_AdoptsTheExistingTopic()
    {
        using var harness = new DriverHarness(emulator, Documents);

        await harness.CreateAsync("Topic", "alerts");
        var second = await harness.CreateAsync("Topic", "alerts");

        harness.AssertInSync(second);
        var topics = (await _aws.RunAsync("sns", "list-topics"))!["Topics"]!.AsArray();
        Assert.Single(topics, t => ((string)t!["TopicArn"]!).EndsWith($":{harness.StackName}-alerts", StringComparison.Ordinal));
        var subscriptions = (await _aws.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", second.Outputs["topicArn"]))!["Subscriptions"]!.AsArray();
        Assert.Single(subscriptions);
    }

    [Fact]
    public async Task Topic_UnsubscribedOutOfBand_ObserveShowsItAndUpdateSubscribesAgain()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Topic", "alerts");
        var arn = created.Outputs["topicArn"];
        var subscription = (string)(await _aws.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", arn))!["Subscriptions"]![0]!["SubscriptionArn"]!;

        await _aws.RunAsync("sns", "unsubscribe", "--subscription-arn", subscription);
        var observed = await harness.ObserveAsync("Topic", "alerts");
        var (updated, fields) = await harness.UpdateAsync("Topic", "alerts");

        Assert.Empty(((TopicSpec)observed.Live!).EmailSubscriptions);
        Assert.Equal(["emailSubscriptions"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task Topic_SubscriptionsAndKeyChangedInDocument_UpdateSubscribesUnsubscribesAndSetsTheKey()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Topic", "alerts");

        harness.Load(Documents
            .Replace("[ops@example.com]", "[oncall@example.com]", StringComparison.Ordinal)
            .Replace("alias/aws/sns", "alias/platform-alerts", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Topic", "alerts");

        Assert.Equal(["emailSubscriptions", "kmsMasterKeyId"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        harness.AssertInSync(updated);
        var subscriptions = (await _aws.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", created.Outputs["topicArn"]))!["Subscriptions"]!.AsArray();
        Assert.Equal(["oncall@example.com"], subscriptions.Select(s => (string)s!["Endpoint"]!));
    }

    [Fact]
    public async Task Plan_NameChanged_IsAReplaceNamingTheField()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Topic", "alerts");

        harness.Load(Documents.Replace("spec:\n", "spec:\n  topicName: renamed-alerts\n", StringComparison.Ordinal));
        var change = Assert.Single(harness.Plan(await harness.ObserveAsync("Topic", "alerts", recorded: created.Identity)).Changes);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal([("topicName", true)], change.Fields.Select(f => (f.Path, f.ForcesReplacement)));
    }

    [Fact]
    public async Task Topic_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, Documents);
        var created = await harness.CreateAsync("Topic", "alerts");

        await harness.DeleteAsync("Topic", "alerts", created.Identity);
        var observed = await harness.ObserveAsync("Topic", "alerts", recorded: created.Identity);
        await harness.DeleteAsync("Topic", "alerts", created.Identity);

        Assert.False(observed.Exists);
        var topics = (await _aws.RunAsync("sns", "list-topics"))!["Topics"]!.AsArray();
        Assert.DoesNotContain(topics, t => ((string)t!["TopicArn"]!).EndsWith($":{harness.StackName}-alerts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Topic_CreatedWithPolicy_TheCliReadsThePolicyBackAndObserveIsInSync()
    {
        using var harness = new DriverHarness(emulator, PolicyDocuments);

        var created = await harness.CreateAsync("Topic", "alerts");
        var observed = await harness.ObserveAsync("Topic", "alerts");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        var statements = (await PolicyAsync())["Statement"]!.AsArray();
        Assert.Equal(
            [("BudgetsPublish", "budgets.amazonaws.com"), ("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com")],
            statements.Select(s => ((string)s!["Sid"]!, Single(s["Principal"]!["Service"]!))).Order());
        Assert.All(statements, s => Assert.Equal(emulator.AccountId, Single(s!["Condition"]!["StringEquals"]!["aws:SourceAccount"]!)));
    }

    [Fact]
    public async Task Topic_PolicySetOutOfBand_IsDriftAndUpdatePutsTheDocumentsPolicyBack()
    {
        using var harness = new DriverHarness(emulator, PolicyDocuments);
        await harness.CreateAsync("Topic", "alerts");

        await _aws.RunAsync("sns", "set-topic-attributes", "--topic-arn", TopicArn, "--attribute-name", "Policy", "--attribute-value", ForeignPolicy);
        var drift = harness.Changes(await harness.ObserveAsync("Topic", "alerts"));
        var (updated, fields) = await harness.UpdateAsync("Topic", "alerts");

        Assert.Equal(["policy.statements"], drift.Select(f => f.Path));
        Assert.Equal(["policy.statements"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var statements = (await PolicyAsync())["Statement"]!.AsArray();
        Assert.Equal(["BudgetsPublish", "CloudWatchAlarmsPublish"], statements.Select(s => (string)s!["Sid"]!).Order());
    }

    [Fact]
    public async Task Topic_PolicyRewrittenOutOfBandWithTheSameMeaning_IsNoDrift()
    {
        using var harness = new DriverHarness(emulator, PolicyDocuments);
        await harness.CreateAsync("Topic", "alerts");
        // The same statements in another order, with single values instead of lists and an Id the document does not have.
        var same = """
            {"Id":"rewritten","Version":"2012-10-17","Statement":[
              {"Sid":"CloudWatchAlarmsPublish","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"SNS:Publish","Resource":"TOPIC","Condition":{"StringEquals":{"aws:SourceAccount":"ACCOUNT"}}},
              {"Sid":"BudgetsPublish","Effect":"Allow","Principal":{"Service":["budgets.amazonaws.com"]},"Action":["SNS:Publish"],"Resource":["TOPIC"],"Condition":{"StringEquals":{"aws:SourceAccount":["ACCOUNT"]}}}]}
            """.Replace("TOPIC", TopicArn, StringComparison.Ordinal).Replace("ACCOUNT", emulator.AccountId, StringComparison.Ordinal);

        await _aws.RunAsync("sns", "set-topic-attributes", "--topic-arn", TopicArn, "--attribute-name", "Policy", "--attribute-value", same);
        var observed = await harness.ObserveAsync("Topic", "alerts");

        harness.AssertInSync(observed);
    }

    [Fact]
    public async Task Topic_PolicyChangedInDocument_UpdateSetsTheNewPolicy()
    {
        using var harness = new DriverHarness(emulator, PolicyDocuments);
        await harness.CreateAsync("Topic", "alerts");

        harness.Load(PolicyDocuments.Replace("cloudwatch.amazonaws.com", "events.amazonaws.com", StringComparison.Ordinal));
        var (updated, fields) = await harness.UpdateAsync("Topic", "alerts");

        Assert.Equal(["policy.statements"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var services = (await PolicyAsync())["Statement"]!.AsArray().Select(s => Single(s!["Principal"]!["Service"]!)).Order();
        Assert.Equal(["budgets.amazonaws.com", "events.amazonaws.com"], services);
    }

    [Fact]
    public async Task Topic_WithoutPolicyInDocument_LeavesThePolicyItHasAlone()
    {
        using var harness = new DriverHarness(emulator, PolicyDocuments);
        await harness.CreateAsync("Topic", "alerts");
        await _aws.RunAsync("sns", "set-topic-attributes", "--topic-arn", TopicArn, "--attribute-name", "Policy", "--attribute-value", ForeignPolicy);

        harness.Load($"""
            kind: Topic
            metadata:
              name: alerts
            spec:
              topicName: {_topic}
              emailSubscriptions: [ops@example.com]
            """);
        var (updated, fields) = await harness.UpdateAsync("Topic", "alerts");

        Assert.Equal(["emailSubscriptions"], fields.Select(f => f.Path));
        harness.AssertInSync(updated);
        var statement = Assert.Single((await PolicyAsync())["Statement"]!.AsArray());
        Assert.Equal("Foreign", (string)statement!["Sid"]!);
    }

    private async Task<JsonNode> PolicyAsync()
    {
        var attributes = (await _aws.RunAsync("sns", "get-topic-attributes", "--topic-arn", TopicArn))!["Attributes"]!;
        return JsonNode.Parse((string)attributes["Policy"]!)!;
    }

    // A principal or condition value SNS may hand back as a string or as a one-element list.
    private static string Single(JsonNode node) => node is JsonArray array ? (string)Assert.Single(array)! : (string)node!;
}
