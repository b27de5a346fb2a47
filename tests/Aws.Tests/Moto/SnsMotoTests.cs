using Reconciler.Aws.Clients.Sns;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class SnsMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateTopic_IsSeenByTheCliAndReadBackWithItsAttributes()
    {
        var sns = moto.Clients.CreateSns();
        var name = MotoFixture.Unique("alerts");

        var arn = (await sns.CreateTopicAsync(new CreateTopicInput
        {
            Name = name,
            Attributes = new Dictionary<string, string> { ["DisplayName"] = "Drift alerts" },
            Tags = [new Tag { Key = "reconciler:stack", Value = "dev" }],
        })).TopicArn!;
        await sns.SubscribeAsync(new SubscribeInput { TopicArn = arn, Protocol = "email", Endpoint = "ops@example.com" });

        var attributes = (await sns.GetTopicAttributesAsync(new GetTopicAttributesInput { TopicArn = arn })).Attributes!;
        var cli = await moto.CliAsync("sns", "get-topic-attributes", "--topic-arn", arn);
        var topics = await sns.ListTopicsAllAsync(new ListTopicsInput()).Select(t => t.TopicArn).ToListAsync();
        var subscriptions = await sns.ListSubscriptionsByTopicAllAsync(new ListSubscriptionsByTopicInput { TopicArn = arn }).ToListAsync();
        var tags = (await sns.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = arn })).Tags!;

        Assert.Equal("Drift alerts", cli.GetProperty("Attributes").GetProperty("DisplayName").GetString());
        Assert.Equal("Drift alerts", attributes["DisplayName"]);
        Assert.Equal(arn, attributes["TopicArn"]);
        Assert.Contains(arn, topics);
        Assert.Equal("ops@example.com", Assert.Single(subscriptions).Endpoint);
        Assert.Equal("dev", Assert.Single(tags).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTopicAttributes_OfAMissingTopic_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateSns().GetTopicAttributesAsync(
            new GetTopicAttributesInput { TopicArn = "arn:aws:sns:us-east-1:123456789012:no-such-topic" }));

        Assert.Equal("NotFound", error.ErrorCode);
    }
}
