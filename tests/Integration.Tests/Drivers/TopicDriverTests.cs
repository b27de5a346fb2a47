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
}
