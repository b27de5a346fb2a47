using System.Text.Json;
using System.Text.Json.Serialization;
using Reconciler.Aws.Clients.Acm;
using Reconciler.Aws.Clients.Budgets;
using Reconciler.Aws.Clients.SecretsManager;
using Reconciler.Aws.Protocol;

namespace Reconciler.Aws.Tests.Protocol;

public sealed class JsonProtocolTests
{
    [Fact]
    public async Task Json_PostsTheTargetAndWritesTimestampsAsEpochSeconds()
    {
        using var aws = FakeAws.Json("{}");

        await aws.Clients.CreateBudgets().CreateBudgetAsync(new CreateBudgetRequest
        {
            AccountId = "123456789012",
            Budget = new Budget
            {
                BudgetName = "monthly",
                TimeUnit = "MONTHLY",
                BudgetType = "COST",
                BudgetLimit = new Spend { Amount = "320", Unit = "USD" },
                TimePeriod = new TimePeriod { Start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) },
            },
        });

        Assert.Equal("AWSBudgetServiceGateway.CreateBudget", aws.Request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", aws.Request.Header("Content-Type"));
        Assert.Equal(
            """{"AccountId":"123456789012","Budget":{"BudgetName":"monthly","BudgetLimit":{"Amount":"320","Unit":"USD"},"TimeUnit":"MONTHLY","TimePeriod":{"Start":1793491200},"BudgetType":"COST"}}""",
            aws.Request.Body);
    }

    [Fact]
    public async Task Json_WritesBlobsAsBase64()
    {
        using var aws = FakeAws.Json("""{"CertificateArn":"arn:c"}""");

        var answer = await aws.Clients.CreateAcm().ImportCertificateAsync(new ImportCertificateRequest { Certificate = "PEM"u8.ToArray(), PrivateKey = [1, 2, 255] });

        Assert.Equal("arn:c", answer.CertificateArn);
        Assert.Equal("""{"Certificate":"UEVN","PrivateKey":"AQL/"}""", aws.Request.Body);
    }

    [Fact]
    public async Task Json_ReadsEpochSecondTimestampsWithFractionsAndBlobs()
    {
        using var aws = FakeAws.Json("""{"Name":"s","CreatedDate":1764160205.25,"SecretBinary":"AQL/","VersionStages":["AWSCURRENT"]}""");

        var answer = await aws.Clients.CreateSecretsManager().GetSecretValueAsync(new GetSecretValueRequest { SecretId = "s" });

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764160205250), answer.CreatedDate);
        Assert.Equal(new byte[] { 1, 2, 255 }, answer.SecretBinary);
        Assert.Equal(["AWSCURRENT"], answer.VersionStages!);
    }

    [Fact]
    public async Task Json_FillsAnIdempotencyTokenTheCallerLeftOut()
    {
        using var aws = FakeAws.Json("{}");
        var secrets = aws.Clients.CreateSecretsManager();

        await secrets.CreateSecretAsync(new CreateSecretRequest { Name = "a" });
        await secrets.CreateSecretAsync(new CreateSecretRequest { Name = "b", ClientRequestToken = "mine" });

        var first = JsonDocument.Parse(aws.Handler.Requests[0].Body).RootElement.GetProperty("ClientRequestToken").GetString();
        Assert.True(Guid.TryParse(first, out _), $"'{first}' is not a GUID");
        Assert.Equal("mine", JsonDocument.Parse(aws.Handler.Requests[1].Body).RootElement.GetProperty("ClientRequestToken").GetString());
    }

    [Fact]
    public async Task Json_ReadsAnAnswerThatLeavesOutARequiredMember()
    {
        using var aws = FakeAws.Json("""{"Budget":{"BudgetName":"monthly"}}""");

        var answer = await aws.Clients.CreateBudgets().DescribeBudgetAsync(new DescribeBudgetRequest { AccountId = "1", BudgetName = "monthly" });

        Assert.Equal("monthly", answer.Budget!.BudgetName);
        Assert.Null(answer.Budget.BudgetType);
    }

    [Fact]
    public void Json_HonoursAMembersOwnTimestampFormat()
    {
        var probe = new TimestampProbe { Iso = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), Epoch = DateTimeOffset.FromUnixTimeSeconds(1) };

        var json = JsonSerializer.Serialize(probe, AwsJson.Options);
        var back = JsonSerializer.Deserialize<TimestampProbe>("""{"Iso":"2026-11-26T12:00:00Z","Epoch":1.5,"Http":"Thu, 26 Nov 2026 12:00:00 GMT"}""", AwsJson.Options)!;

        Assert.Equal("""{"Iso":"2026-11-26T12:00:00Z","Epoch":1}""", json);
        Assert.Equal(probe.Iso, back.Iso);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1500), back.Epoch);
        Assert.Equal(probe.Iso, back.Http);
    }

    /// <summary>Members with a model timestampFormat, as the generator writes them.</summary>
    private sealed record TimestampProbe
    {
        [JsonConverter(typeof(AwsIso8601JsonConverter))]
        public DateTimeOffset? Iso { get; init; }

        public DateTimeOffset? Epoch { get; init; }

        [JsonConverter(typeof(AwsRfc822JsonConverter))]
        public DateTimeOffset? Http { get; init; }
    }
}
