using System.Text.Json.Nodes;
using Reconciler.Controller.Drift;

namespace Reconciler.Controller.Tests.Drift;

public sealed class RevisionRejectionTests
{
    private static readonly RevisionRejection Rejection = new(
        "ml-platform-dev",
        "0123456789abcdef",
        "fedcba9876543210",
        "logs.yaml:7:3: error: unknown field 'retentionDayz'",
        new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ToJson_NamesTheRevisionTheOneInForceAndTheError()
    {
        var body = JsonNode.Parse(Rejection.ToJson())!;

        Assert.Equal("revision-rejected", (string?)body["type"]);
        Assert.Equal("ml-platform-dev", (string?)body["stack"]);
        Assert.Equal("0123456789abcdef", (string?)body["revision"]);
        Assert.Equal("fedcba9876543210", (string?)body["inForce"]);
        Assert.Equal("logs.yaml:7:3: error: unknown field 'retentionDayz'", (string?)body["error"]);
        Assert.Equal("2026-11-26T05:00:00.0000000+00:00", (string?)body["sentAt"]);
    }

    [Fact]
    public void ToSlackJson_SaysWhatStaysInForce()
    {
        var text = (string?)JsonNode.Parse(Rejection.ToSlackJson())!["text"];

        Assert.Equal(
            ":no_entry: Stack ml-platform-dev: revision 0123456 was not applied; fedcba9 stays in force. logs.yaml:7:3: error: unknown field 'retentionDayz'",
            text);
    }
}
