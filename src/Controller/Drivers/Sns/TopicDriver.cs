using Reconciler.Aws;
using Reconciler.Aws.Clients.Sns;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Iam;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using SnsOperations = Reconciler.Aws.Clients.Sns.SnsOperations;

namespace Reconciler.Controller.Drivers.Sns;

/// <summary>
/// Converges SNS topics, addressed by name (the identity's <c>id</c>; the ARN follows from it).
/// Reads: one paginated ListTopics (ARNs only), then per topic of the stack GetTopicAttributes
/// and ListSubscriptionsByTopic, because SNS has no batch read of either.
/// <para>
/// Live form: <c>emailSubscriptions</c> holds every email endpoint subscribed, confirmed or
/// pending; a pending one has no ARN yet, so it cannot be unsubscribed and stays until AWS drops it.
/// <c>policy</c> is the topic's access policy (the <c>Policy</c> attribute, which every topic has:
/// SNS writes a default one at create) read through <see cref="PolicyJson"/>, so it compares by
/// meaning with the document's; a document without one leaves it unmanaged, and it is never removed.
/// </para>
/// </summary>
internal sealed class TopicDriver : NameAddressedDriver<TopicSpec, string>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        SnsOperations.CreateTopic,
        SnsOperations.DeleteTopic,
        SnsOperations.GetTopicAttributes,
        SnsOperations.ListSubscriptionsByTopic,
        SnsOperations.ListTagsForResource,
        SnsOperations.ListTopics,
        SnsOperations.SetTopicAttributes,
        SnsOperations.Subscribe,
        SnsOperations.TagResource,
        SnsOperations.Unsubscribe,
        SnsOperations.UntagResource,
    ];

    private const string KmsAttribute = "KmsMasterKeyId";
    private const string PolicyAttribute = "Policy";
    private const string Pending = "PendingConfirmation";

    protected override AwsService Service => AwsService.Sns;

    protected override ITagApi Tags => SnsTags.Instance;

    protected override string NameOf(TopicSpec spec) => spec.TopicName!;

    /// <summary>Topic name to ARN, for the topics whose names start with the prefix (ListTopics cannot filter).</summary>
    protected override async Task<IReadOnlyDictionary<string, string>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var topics = await Pages.ReadAllAsync<Topic>(async token =>
        {
            var page = await context.Aws.Sns.ListTopicsAsync(new ListTopicsInput { NextToken = token }, cancellationToken);
            return (page.Topics, page.NextToken);
        });
        return topics
            .Select(t => t.TopicArn)
            .OfType<string>()
            .Where(arn => NameOfArn(arn).StartsWith(namePrefix, StringComparison.Ordinal))
            .ToDictionary(NameOfArn, arn => arn, StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, string arn, DriverContext context, CancellationToken cancellationToken)
    {
        var attributes = (await context.Aws.Sns.GetTopicAttributesAsync(new GetTopicAttributesInput { TopicArn = arn }, cancellationToken)).Attributes;
        var emails = (await SubscriptionsAsync(arn, context, cancellationToken))
            .Where(s => s.Protocol == "email" && s.Endpoint is not null)
            .Select(s => s.Endpoint!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var name = NameOfArn(arn);
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var kmsKey = attributes?.GetValueOrDefault(KmsAttribute);
        var policy = attributes?.GetValueOrDefault(PolicyAttribute);
        return Observed(
            key,
            new TopicSpec
            {
                TopicName = name,
                EmailSubscriptions = [.. emails],
                KmsMasterKeyId = string.IsNullOrEmpty(kmsKey) ? null : kmsKey,
                Policy = string.IsNullOrWhiteSpace(policy) ? null : PolicyJson.Read(policy),
            },
            await ReadTagsAsync(identity, context, cancellationToken),
            identity,
            new Dictionary<string, string> { ["topicName"] = name, ["topicArn"] = arn });
    }

    /// <summary>CreateTopic takes tags, the key and the policy; subscriptions follow as an in-place change.</summary>
    protected override async Task<string> CreateNewAsync(ResourceKey key, TopicSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, string>();
        if (spec.KmsMasterKeyId is { } kms)
        {
            attributes[KmsAttribute] = kms;
        }

        if (spec.Policy is { } policy)
        {
            attributes[PolicyAttribute] = PolicyJson.Write(policy);
        }

        await context.Aws.Sns.CreateTopicAsync(new CreateTopicInput { Name = NameOf(spec), Attributes = attributes.Count > 0 ? attributes : null, Tags = SnsTags.AtCreate(tags) }, cancellationToken);
        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<TopicSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var arn = change.Identity["arn"];
        if (change.Changed("kmsMasterKeyId"))
        {
            // An empty value switches encryption off.
            await context.Aws.Sns.SetTopicAttributesAsync(new SetTopicAttributesInput { TopicArn = arn, AttributeName = KmsAttribute, AttributeValue = change.Desired.KmsMasterKeyId ?? "" }, cancellationToken);
        }

        // A policy absent from the document is unmanaged, so a change always has one to set.
        if (change.Changed("policy") && change.Desired.Policy is { } policy)
        {
            await context.Aws.Sns.SetTopicAttributesAsync(new SetTopicAttributesInput { TopicArn = arn, AttributeName = PolicyAttribute, AttributeValue = PolicyJson.Write(policy) }, cancellationToken);
        }

        if (change.Changed("emailSubscriptions"))
        {
            await MoveSubscriptionsAsync(arn, change.Desired.EmailSubscriptions, context, cancellationToken);
        }
    }

    /// <summary>Subscribes the addresses the document adds and unsubscribes the confirmed ones it drops.</summary>
    private static async Task MoveSubscriptionsAsync(string arn, IReadOnlyList<string> desired, DriverContext context, CancellationToken cancellationToken)
    {
        var live = (await SubscriptionsAsync(arn, context, cancellationToken)).Where(s => s.Protocol == "email" && s.Endpoint is not null).ToList();
        foreach (var address in desired.Except(live.Select(s => s.Endpoint!), StringComparer.Ordinal))
        {
            await context.Aws.Sns.SubscribeAsync(new SubscribeInput { TopicArn = arn, Protocol = "email", Endpoint = address }, cancellationToken);
        }

        foreach (var dropped in live.Where(s => !desired.Contains(s.Endpoint!, StringComparer.Ordinal) && s.SubscriptionArn is { } a && a != Pending))
        {
            await context.Aws.Sns.UnsubscribeAsync(new UnsubscribeInput { SubscriptionArn = dropped.SubscriptionArn! }, cancellationToken);
        }
    }

    /// <summary>DeleteTopic removes its subscriptions with it; deleting a missing topic succeeds in SNS.</summary>
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Sns.DeleteTopicAsync(
            new DeleteTopicInput { TopicArn = identity.GetValueOrDefault("arn") ?? Arns.Topic(context.Stack.Region, context.Stack.AccountId, identity["id"]) },
            cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private static async Task<IReadOnlyList<Subscription>> SubscriptionsAsync(string arn, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<Subscription>(async token =>
        {
            var page = await context.Aws.Sns.ListSubscriptionsByTopicAsync(new ListSubscriptionsByTopicInput { TopicArn = arn, NextToken = token }, cancellationToken);
            return (page.Subscriptions, page.NextToken);
        });

    // The name is the ARN's last part: arn:aws:sns:region:account:name.
    private static string NameOfArn(string arn) => arn[(arn.LastIndexOf(':') + 1)..];
}
