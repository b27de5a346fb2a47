using Reconciler.Inference.Configuration;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Keys;

/// <summary>The key list in the secret: its one shape, every problem named by place, nothing of the secret quoted.</summary>
public sealed class ApiKeySecretDocumentTests
{
    private static readonly string HashA = TestSettings.Hash("key-a");
    private static readonly string HashB = TestSettings.Hash("key-b");
    private static readonly ApiKeySet Configured = ApiKeySet.FromOptions([new ApiKeyOptions { Name = "ci", Sha256 = TestSettings.Hash("key-ci") }]);

    [Fact]
    public void Parse_WellFormedList_GivesEveryKeyInOrder()
    {
        var keys = ApiKeySecretDocument.Parse($$"""{"keys":[{"name":"team-a","sha256":"{{HashA}}"},{"Name":"team-b","SHA256":"{{HashB.ToUpperInvariant()}}"}]}""", Configured);

        Assert.Equal(["team-a", "team-b"], keys.Names);
        Assert.Equal(Convert.FromHexString(HashB), keys.Find("team-b")!.Sha256);
    }

    [Theory]
    [InlineData(null, "the secret has no SecretString (is it a binary secret?)")]
    [InlineData("{\"keys\":[{\"name\":\"a\",", "SecretString is not valid JSON (line 1, byte 21)")]
    [InlineData("[]", "SecretString is a JSON array; expected an object")]
    [InlineData("{}", "keys: missing")]
    [InlineData("{\"keys\":{}}", "keys: expected an array of {\"name\",\"sha256\"} objects, found a JSON object")]
    [InlineData("{\"keys\":[]}", "keys: expected at least one entry {\"name\",\"sha256\"}")]
    [InlineData("{\"keys\":[\"team-a\"]}", "keys[0]: expected an object {\"name\",\"sha256\"}, found a JSON string")]
    [InlineData("{\"keys\":[{\"name\":\"team-a\"}]}", "keys[0].sha256: missing")]
    [InlineData("{\"keys\":[{\"name\":\"team-a\",\"sha256\":42}]}", "keys[0].sha256: expected 64 hex digits")]
    [InlineData("{\"keys\":[{\"name\":\"\",\"sha256\":\"__A__\"}]}", "keys[0].name: expected a non-empty string")]
    [InlineData("{\"keys\":[{\"name\":\"ci\",\"sha256\":\"__A__\"}]}", "keys[0].name: the name is also used in Auth:Keys; give each key its own name")]
    [InlineData("{\"keys\":[{\"name\":\"a\",\"sha256\":\"__A__\",\"sha256\":\"__B__\"}]}", "keys[0].sha256: given twice")]
    [InlineData("{\"team-a\":\"key-a\"}", "SecretString: field 1 is not one of \"keys\"; remove it")]
    public void Parse_Malformed_NamesThePlaceAndWhatWasExpected(string? secretString, string expected)
    {
        secretString = secretString?.Replace("__A__", HashA, StringComparison.Ordinal).Replace("__B__", HashB, StringComparison.Ordinal);

        var error = Assert.Throws<ApiKeySecretException>(() => ApiKeySecretDocument.Parse(secretString, Configured));

        Assert.StartsWith(expected, error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralBadEntries_ReportsEveryProblemAtOnce_WithoutQuotingAnyValue()
    {
        var secret = $$"""{"keys":[{"name":"team-a","sha256":"{{HashA}}"},{"name":"team-b","sha256":"key-b-in-clear"},{"name":"team-a","sha256":"{{HashB}}","key":"key-b"}]}""";

        var error = Assert.Throws<ApiKeySecretException>(() => ApiKeySecretDocument.Parse(secret, Configured));

        Assert.Equal(
            [
                "keys[1].sha256: expected 64 hex digits, the SHA-256 of the key (never the key itself)",
                "keys[2]: field 3 is not one of \"name\", \"sha256\"; remove it",
                "keys[2].name: repeats the name of keys[0]; give each key its own name",
            ],
            error.Errors);
        Assert.Equal("the secret's value is not a valid key list: " + string.Join("; ", error.Errors), error.Message);
        Assert.DoesNotContain("key-b", error.Message.Replace("team-b", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(HashA, error.Message, StringComparison.Ordinal);
    }
}
