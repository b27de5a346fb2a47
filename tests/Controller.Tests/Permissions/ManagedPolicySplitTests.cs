using Reconciler.Controller.Permissions;
using Reconciler.Model.Iam;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>The controller's policy cut into managed policies IAM accepts: few, each within the limit, the same every time, and meaning what the one policy meant.</summary>
public sealed class ManagedPolicySplitTests
{
    private const string Account = "123456789012";

    [Fact]
    public void APolicyWithinTheLimit_StaysOnePart_Unchanged()
    {
        var policy = Policy(Statements("ec2", 3, actions: 4), Statements("iam", 2, actions: 4));

        var parts = ManagedPolicySplit.Split(policy);

        Assert.Equal(PolicyJson.Write(policy), PolicyJson.Write(Assert.Single(parts)));
    }

    [Fact]
    public void APolicyOverTheLimit_IsSplitIntoFewPartsEachWithinIt_KeepingEachServiceTogether()
    {
        var policy = Policy(Statements("acm", 4, actions: 10), Statements("ec2", 6, actions: 12), Statements("iam", 5, actions: 10), Statements("s3", 3, actions: 8));
        var size = ManagedPolicySize.Of(policy);

        var parts = ManagedPolicySplit.Split(policy, maxCharacters: 2500);

        Assert.True(size > 2 * 2500, $"the test's policy is {size} characters");
        Assert.InRange(parts.Count, (size / 2500) + 1, (size / 2500) + 2);
        Assert.All(parts, p => Assert.InRange(ManagedPolicySize.Of(p), 1, 2500));
        Assert.Equal(policy.Statements, parts.SelectMany(p => p.Statements).OrderBy(s => s.Sid, StringComparer.Ordinal));
        foreach (var service in new[] { "acm", "iam", "s3" })
        {
            Assert.Single(parts, p => p.Statements.Any(s => s.Actions[0].StartsWith(service + ":", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void TheSamePolicy_IsSplitTheSameWay_AndAChangeToALaterServiceLeavesTheEarlierPartsAlone()
    {
        var policy = Policy(Statements("acm", 4, actions: 10), Statements("ec2", 6, actions: 12), Statements("iam", 5, actions: 10), Statements("sns", 3, actions: 8));
        var grown = policy with
        {
            Statements = [.. policy.Statements.Select(s => s.Actions[0].StartsWith("sns:", StringComparison.Ordinal) ? s with { Actions = [.. s.Actions, "sns:TagResource"] } : s)],
        };

        var first = ManagedPolicySplit.Split(policy, maxCharacters: 2500).Select(PolicyJson.Write).ToList();
        var second = ManagedPolicySplit.Split(policy, maxCharacters: 2500).Select(PolicyJson.Write).ToList();
        var afterChange = ManagedPolicySplit.Split(grown, maxCharacters: 2500).Select(PolicyJson.Write).ToList();

        Assert.Equal(first, second);
        var untouched = first.Where(p => !p.Contains("\"sns:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(untouched);
        Assert.All(untouched, p => Assert.Contains(p, afterChange));
    }

    [Fact]
    public void AStatementTooLargeAlone_IsCutByItsActions_WithTheSameResourcesAndConditions_AllowingTheSame()
    {
        var big = new PolicyStatementSpec
        {
            Sid = "Ec2WriteTaggedStack",
            Actions = [.. Enumerable.Range(1, 200).Select(i => $"ec2:ModifySomething{i:D3}")],
            Resources = ["*"],
            Conditions = [new PolicyConditionSpec { Test = "StringEquals", Variable = "aws:ResourceTag/reconciler:stack", Values = ["ml-platform-prod"] }],
        };
        var policy = Policy([big], Statements("iam", 1, actions: 3));
        var ours = new Dictionary<string, string> { ["reconciler:stack"] = "ml-platform-prod" };
        var theirs = new Dictionary<string, string> { ["reconciler:stack"] = "billing-prod" };

        var parts = ManagedPolicySplit.Split(policy, maxCharacters: 2000);

        var pieces = parts.SelectMany(p => p.Statements).Where(s => s.Sid!.StartsWith("Ec2WriteTaggedStack", StringComparison.Ordinal)).ToList();
        Assert.True(pieces.Count > 1);
        Assert.All(parts, p => Assert.InRange(ManagedPolicySize.Of(p), 1, 2000));
        Assert.Equal(Enumerable.Range(1, pieces.Count).Select(i => $"Ec2WriteTaggedStack{i}"), pieces.Select(p => p.Sid));
        Assert.All(pieces, p => Assert.Equal((big.Effect, big.Resources, big.Conditions), (p.Effect, p.Resources, p.Conditions)));
        Assert.Equal(big.Actions, pieces.SelectMany(p => p.Actions));
        var subnet = $"arn:aws:ec2:us-east-1:{Account}:subnet/subnet-0abc";
        Assert.All(big.Actions, a => Assert.True(PolicyEvaluator.Allows(parts, a, subnet, resourceTags: ours)));
        Assert.All(big.Actions, a => Assert.False(PolicyEvaluator.Allows(parts, a, subnet, resourceTags: theirs)));
    }

    [Fact]
    public void APolicyNeedingMoreManagedPoliciesThanARoleTakes_IsRefusedSayingHowMany()
    {
        var policy = Policy([.. Enumerable.Range(0, 11).SelectMany(i => Statements($"svc{i:D2}", 1, actions: 20))]);

        var refused = Assert.Throws<PolicyTooLargeException>(() => ManagedPolicySplit.Split(policy, maxCharacters: 800));

        Assert.Contains("needs 11 managed policies of at most 800 characters", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10 attached managed policies", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANotActionStatementTooLargeAlone_IsRefused_SinceCuttingItWouldAllowMore()
    {
        var statement = new PolicyStatementSpec { Sid = "Everything", NotActions = [.. Enumerable.Range(1, 100).Select(i => $"iam:Action{i:D3}")], Resources = ["*"] };

        var refused = Assert.Throws<PolicyTooLargeException>(() => ManagedPolicySplit.Split(Policy([statement]), maxCharacters: 500));

        Assert.Contains("statement Everything alone is", refused.Message, StringComparison.Ordinal);
    }

    private static PolicyDocumentSpec Policy(params IEnumerable<PolicyStatementSpec>[] services) =>
        new() { Statements = [.. services.SelectMany(s => s).OrderBy(s => s.Sid, StringComparer.Ordinal)] };

    // count statements of one service, each with its own actions on the stack's name prefix.
    private static IEnumerable<PolicyStatementSpec> Statements(string prefix, int count, int actions) =>
        Enumerable.Range(1, count).Select(i => new PolicyStatementSpec
        {
            Sid = $"{char.ToUpperInvariant(prefix[0])}{prefix[1..]}Statement{i:D2}",
            Actions = [.. Enumerable.Range(1, actions).Select(a => $"{prefix}:DoSomething{i:D2}x{a:D2}")],
            Resources = [$"arn:aws:{prefix}:us-east-1:{Account}:thing/ml-platform-prod-*"],
        });
}
