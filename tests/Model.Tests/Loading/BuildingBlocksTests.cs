using System.Text.Json.Nodes;
using Reconciler.Model.Loading;
using Reconciler.Model.Specs;
using Reconciler.Model.Planning;

namespace Reconciler.Model.Tests.Loading;

public sealed class BuildingBlocksTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.1.0/24", true)]
    [InlineData("10.0.0.0/16", "10.1.0.0/24", false)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("0.0.0.0/0", "192.168.1.0/24", true)]
    public void Cidr_Contains(string outer, string inner, bool expected)
    {
        Assert.True(Ipv4Cidr.TryParse(outer, out var a, out _));
        Assert.True(Ipv4Cidr.TryParse(inner, out var b, out _));
        Assert.Equal(expected, a.Contains(b));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/16")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("a.b.c.d/8")]
    public void Cidr_RejectsMalformed(string text) => Assert.False(Ipv4Cidr.TryParse(text, out _, out _));

    [Fact]
    public void Cidr_OverlapsAndHostBits()
    {
        Ipv4Cidr.TryParse("10.0.0.0/23", out var a, out _);
        Ipv4Cidr.TryParse("10.0.1.0/24", out var b, out _);
        Ipv4Cidr.TryParse("10.0.2.0/24", out var c, out _);
        Ipv4Cidr.TryParse("10.0.1.5/24", out var d, out var hostBits);

        Assert.True(a.Overlaps(b));
        Assert.False(a.Overlaps(c));
        Assert.True(hostBits);
        Assert.Equal("10.0.1.0/24", d.ToString());
    }

    [Theory]
    [InlineData("cidrBlok", "cidrBlock")]
    [InlineData("fromPrt", "fromPort")]
    [InlineData("Subnett", "Subnet")]
    [InlineData("metdata", "metadata")]
    [InlineData("zzzzzz", null)]
    public void Suggestions_FindTheClosestPlausibleName(string typo, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(typo, ["cidrBlock", "fromPort", "Subnet", "metadata", "spec", "vpc"]));

    [Theory]
    [InlineData("ml-platform-dev-models", null)]
    [InlineData("ab", "must be 3 to 63 characters long (this one has 2)")]
    [InlineData("My_Bucket", "may contain only lowercase letters, digits, dots and hyphens")]
    [InlineData("-models", "must start and end with a letter or digit")]
    [InlineData("models..old", "must not contain two adjacent dots")]
    [InlineData("192.168.5.4", "must not be formatted as an IP address")]
    [InlineData("xn--models", "must not start with 'xn--'")]
    [InlineData("models-s3alias", "must not end with '-s3alias'")]
    public void BucketNames_FollowS3Rules(string name, string? problem) => Assert.Equal(problem, BucketSpec.NameProblem(name));

    [Fact]
    public void CanonicalJson_SortsKeysDropsNullsAndNormalisesNumbers()
    {
        var a = JsonNode.Parse("""{"b":1.50,"a":[2,1],"c":null}""");
        var b = JsonNode.Parse("""{"a":[2,1],"b":1.5}""");

        Assert.Equal("""{"a":[2,1],"b":1.5}""", CanonicalJson.Write(a));
        Assert.Equal(CanonicalJson.Hash(a), CanonicalJson.Hash(b));
    }
}
