using Reconciler.Model.Iam;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Iam;

public sealed class TrailBucketPolicyTests
{
    private const string Account = "123456789012";

    [Fact]
    public void Missing_WildcardActionsAndResourcesThatCoverTheGrant_IsNull()
    {
        var bucket = Bucket(
            Statement(["s3:GetBucketAcl", "s3:PutObject"], ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"], sourceArn: true));

        Assert.Null(TrailBucketPolicy.Missing(bucket, prefix: null, Account));
    }

    [Fact]
    public void Missing_PrefixNotCoveredByTheResource_NamesTheObjectsArnWithThePrefix()
    {
        var bucket = Bucket(
            Statement(["s3:GetBucketAcl"], ["arn:aws:s3:::logs"], sourceArn: false),
            Statement(["s3:PutObject"], ["arn:aws:s3:::logs/AWSLogs/123456789012/*"], sourceArn: true));

        Assert.Equal(
            "its policy lacks a statement allowing cloudtrail.amazonaws.com s3:PutObject on arn:aws:s3:::logs/audit/AWSLogs/123456789012/*",
            TrailBucketPolicy.Missing(bucket, "audit", Account));
    }

    [Fact]
    public void Missing_GrantToAnotherService_CountsForNothing()
    {
        var bucket = Bucket(Statement(["s3:*"], ["arn:aws:s3:::logs*"], sourceArn: true, service: "delivery.logs.amazonaws.com"));

        Assert.StartsWith("its policy lacks a statement allowing cloudtrail.amazonaws.com s3:GetBucketAcl", TrailBucketPolicy.Missing(bucket, null, Account), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_DenyStatement_GrantsNothing()
    {
        var bucket = Bucket(Statement(["s3:GetBucketAcl", "s3:PutObject"], ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"], sourceArn: true) with { Effect = "Deny" });

        Assert.NotNull(TrailBucketPolicy.Missing(bucket, null, Account));
    }

    private static BucketSpec Bucket(params PolicyStatementSpec[] statements) =>
        new() { BucketName = "logs", Policy = new PolicyDocumentSpec { Statements = statements } };

    private static PolicyStatementSpec Statement(string[] actions, string[] resources, bool sourceArn, string service = "cloudtrail.amazonaws.com") => new()
    {
        Principals = new PolicyPrincipalsSpec { Service = [service] },
        Actions = actions,
        Resources = resources,
        Conditions = sourceArn ? [new PolicyConditionSpec { Test = "StringEquals", Variable = "aws:SourceArn", Values = [$"arn:aws:cloudtrail:us-east-1:{Account}:trail/audit"] }] : [],
    };
}
