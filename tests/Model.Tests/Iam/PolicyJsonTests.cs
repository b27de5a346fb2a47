using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Iam;

public sealed class PolicyJsonTests
{
    private static readonly PolicyDocumentSpec ReadModel = new()
    {
        Statements =
        [
            new PolicyStatementSpec
            {
                Sid = "ReadModels",
                Actions = ["s3:GetObjectVersion", "s3:GetObject"],
                Resources = ["arn:aws:s3:::models/*"],
            },
            new PolicyStatementSpec
            {
                Actions = ["cloudwatch:PutMetricData"],
                Resources = ["*"],
                Conditions =
                [
                    new PolicyConditionSpec { Test = "StringEquals", Variable = "cloudwatch:namespace", Values = ["MlPlatform"] },
                    new PolicyConditionSpec { Test = "Bool", Variable = "aws:SecureTransport", Values = ["true"] },
                ],
            },
        ],
    };

    [Fact]
    public void Write_Document_IsCanonicalIamJsonWithSortedListsAndGroupedConditions()
    {
        var json = PolicyJson.Write(ReadModel);

        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"ReadModels","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::models/*"]},"""
            + """{"Effect":"Allow","Action":["cloudwatch:PutMetricData"],"Resource":["*"],"Condition":{"Bool":{"aws:SecureTransport":["true"]},"StringEquals":{"cloudwatch:namespace":["MlPlatform"]}}}]}""",
            json);
    }

    [Fact]
    public void Read_WhatWriteWrote_EqualsTheRecordAsThePlannerComparesIt()
    {
        var read = PolicyJson.Read(PolicyJson.Write(ReadModel));

        Assert.True(SameDocument(ReadModel, read));
    }

    [Fact]
    public void Read_UrlEncodedAnswerOfIam_IsDecoded()
    {
        var encoded = Uri.EscapeDataString(PolicyJson.Write(ReadModel));

        Assert.True(SameDocument(ReadModel, PolicyJson.Read(encoded)));
    }

    [Fact]
    public void Read_SingleStringsAndASingleStatementObject_BecomeLists()
    {
        var read = PolicyJson.Read("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteObject","NotResource":"arn:aws:s3:::logs/*"}}""");

        var statement = Assert.Single(read.Statements);
        Assert.Equal("Deny", statement.Effect);
        Assert.Equal(["s3:DeleteObject"], statement.Actions);
        Assert.Equal(["arn:aws:s3:::logs/*"], statement.NotResources);
    }

    [Fact]
    public void Read_PrincipalStar_IsTheAwsPrincipalStar()
    {
        var read = PolicyJson.Read("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""");

        Assert.Equal(["*"], read.Statements[0].Principals!.Aws);
    }

    [Fact]
    public void Read_TrustPolicyWithServicePrincipalAsString_EqualsTheListForm()
    {
        var desired = new PolicyDocumentSpec
        {
            Statements = [new PolicyStatementSpec { Actions = ["sts:AssumeRole"], Principals = new PolicyPrincipalsSpec { Service = ["ec2.amazonaws.com"] } }],
        };

        var read = PolicyJson.Read("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");

        Assert.True(SameDocument(desired, read));
    }

    [Fact]
    public void Read_ConditionValuesAsJsonBooleansAndNumbers_AreTheirText()
    {
        var read = PolicyJson.Read("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:TlsVersion":1.2}}}]}""");

        Assert.Equal(
            [("Bool", "aws:SecureTransport", "false"), ("NumericLessThan", "s3:TlsVersion", "1.2")],
            read.Statements[0].Conditions.Select(c => (c.Test, c.Variable, Assert.Single(c.Values))).ToArray());
    }

    [Fact]
    public void Read_DocumentWithoutVersion_HasIamsImplicitVersion()
    {
        var read = PolicyJson.Read("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");

        Assert.Equal("2008-10-17", read.Version);
    }

    [Fact]
    public void Read_StatementsInAnotherOrderWithReorderedLists_EqualsTheRecord()
    {
        var reordered = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*","Condition":{"StringEquals":{"cloudwatch:namespace":"MlPlatform"},"Bool":{"aws:SecureTransport":"true"}}},
              {"Sid":"ReadModels","Effect":"Allow","Action":["s3:GetObjectVersion","s3:GetObject"],"Resource":"arn:aws:s3:::models/*"}]}
            """;

        Assert.True(SameDocument(ReadModel, PolicyJson.Read(reordered)));
    }

    [Fact]
    public void Read_AnExtraAction_DiffersFromTheRecord()
    {
        var widened = PolicyJson.Write(ReadModel).Replace("\"s3:GetObject\",", "\"s3:GetObject\",\"s3:PutObject\",", StringComparison.Ordinal);

        Assert.False(SameDocument(ReadModel, PolicyJson.Read(widened)));
    }

    [Fact]
    public void Read_TextThatIsNoPolicy_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => PolicyJson.Read("""{"Version":"2012-10-17"}"""));
        Assert.Throws<FormatException>(() => PolicyJson.Read("not json"));
    }

    // The planner's own comparison: lists (statements, actions, values) as sets, unset desired fields unmanaged.
    private static bool SameDocument(PolicyDocumentSpec desired, PolicyDocumentSpec live) =>
        JsonMatch.Matches(ToJson(desired), ToJson(live), "document", []);

    private static JsonNode ToJson(PolicyDocumentSpec document) => JsonSerializer.SerializeToNode(document, SpecJson.Options)!;
}
