using Reconciler.Controller.Drivers;
using Reconciler.Controller.Permissions;
using Reconciler.Model.Loading;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>
/// What prod's controller policy lets through, by an evaluator independent of the builder, over
/// the managed policies the role attaches together (the split parts): its own stack's resources,
/// not another stack's.
/// </summary>
public sealed class PolicyMeaningTests
{
    private const string Account = "123456789012";
    private static readonly Dictionary<string, string> Ours = new() { ["reconciler:stack"] = "ml-platform-prod" };
    private static readonly Dictionary<string, string> Theirs = new() { ["reconciler:stack"] = "billing-prod" };

    private static readonly Lazy<IReadOnlyList<PolicyDocumentSpec>> Prod = new(() =>
        ControllerPolicy.Parts(DesiredStateLoader.Load(RepositoryFolder.Combine("desired-state", "prod")).Stack!, DriverCatalog.Default, "reconciler-state", readOnly: false));

    [Fact]
    public void TheParts_AllowTogetherExactlyWhatTheWholePolicyAllows()
    {
        var whole = ControllerPolicy.For(DesiredStateLoader.Load(RepositoryFolder.Combine("desired-state", "prod")).Stack!, DriverCatalog.Default, "reconciler-state", readOnly: false);

        Assert.True(Prod.Value.Count > 1, "prod's policy is expected to need several managed policies");
        foreach (var statement in whole.Statements)
        {
            foreach (var action in statement.Actions)
            {
                foreach (var resource in statement.Resources.Select(r => r.Replace("*", "x", StringComparison.Ordinal)))
                {
                    foreach (var tags in new[] { Ours, Theirs })
                    {
                        Assert.Equal(
                            PolicyEvaluator.Allows(whole, action, resource, resourceTags: tags, requestTags: tags),
                            PolicyEvaluator.Allows(Prod.Value, action, resource, resourceTags: tags, requestTags: tags));
                    }
                }
            }
        }
    }

    [Fact]
    public void NamedResources_OfTheStack_AreWritable_AndOthersAreNot()
    {
        Assert.True(PolicyEvaluator.Allows(Prod.Value, "iam:CreateRole", $"arn:aws:iam::{Account}:role/ml-platform-prod-app"));
        Assert.True(PolicyEvaluator.Allows(Prod.Value, "iam:PassRole", $"arn:aws:iam::{Account}:role/ml-platform-prod-app"));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "iam:CreateRole", $"arn:aws:iam::{Account}:role/billing-prod-app"));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "iam:PassRole", $"arn:aws:iam::{Account}:role/admin"));
        Assert.True(PolicyEvaluator.Allows(Prod.Value, "s3:DeleteBucket", "arn:aws:s3:::ml-platform-prod-models"));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "s3:DeleteBucket", "arn:aws:s3:::billing-prod-invoices"));
        Assert.True(PolicyEvaluator.Allows(Prod.Value, "logs:DeleteLogGroup", $"arn:aws:logs:us-east-1:{Account}:log-group:/ml-platform-prod/inference"));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "logs:DeleteLogGroup", $"arn:aws:logs:us-east-1:{Account}:log-group:/billing-prod/api"));
    }

    [Fact]
    public void TaggedResources_OfTheStack_AreWritable_AndAnotherStacksAreNot()
    {
        var subnet = $"arn:aws:ec2:us-east-1:{Account}:subnet/subnet-0abc";

        Assert.True(PolicyEvaluator.Allows(Prod.Value, "ec2:DeleteSubnet", subnet, resourceTags: Ours));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "ec2:DeleteSubnet", subnet, resourceTags: Theirs));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "ec2:DeleteSubnet", subnet));
    }

    [Fact]
    public void Create_NeedsTheStacksTagOnTheRequest_AndInAnotherStacksVpcIsRefused()
    {
        var newSubnet = $"arn:aws:ec2:us-east-1:{Account}:subnet/*";
        var ourVpc = $"arn:aws:ec2:us-east-1:{Account}:vpc/vpc-0ours";

        Assert.True(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateSubnet", newSubnet, requestTags: Ours));
        Assert.True(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateSubnet", ourVpc, resourceTags: Ours, requestTags: Ours));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateSubnet", newSubnet, requestTags: Theirs));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateSubnet", newSubnet));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateSubnet", $"arn:aws:ec2:us-east-1:{Account}:vpc/vpc-0theirs", resourceTags: Theirs, requestTags: Ours));
    }

    [Fact]
    public void RouteInTheStacksRouteTable_IsAllowedWithoutRequestTags_AndInAnotherStacksIsNot()
    {
        var routeTable = $"arn:aws:ec2:us-east-1:{Account}:route-table/rtb-0abc";

        Assert.True(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateRoute", routeTable, resourceTags: Ours));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "ec2:CreateRoute", routeTable, resourceTags: Theirs));
    }

    [Fact]
    public void StateTable_IsTheOnlyControllerTable_AndUnusedServicesAreDenied()
    {
        Assert.True(PolicyEvaluator.Allows(Prod.Value, "dynamodb:PutItem", $"arn:aws:dynamodb:us-east-1:{Account}:table/reconciler-state"));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "dynamodb:PutItem", $"arn:aws:dynamodb:us-east-1:{Account}:table/billing-ledger"));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "sqs:CreateQueue", $"arn:aws:sqs:us-east-1:{Account}:ml-platform-prod-jobs", requestTags: Ours));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "lambda:CreateFunction", $"arn:aws:lambda:us-east-1:{Account}:function:other-stack-infer", requestTags: Ours));
        Assert.False(PolicyEvaluator.Allows(Prod.Value, "iam:CreateUser", $"arn:aws:iam::{Account}:user/ml-platform-prod-x"));
    }
}
