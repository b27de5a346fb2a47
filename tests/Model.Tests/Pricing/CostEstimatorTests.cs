using Reconciler.Model.Planning;
using Reconciler.Model.Pricing;
using Reconciler.Model.Specs;
using Reconciler.Model.Tests.Planning;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Pricing;

public sealed class CostEstimatorTests
{
    [Fact]
    public void PriceTable_UsEast1_HasSourceDateAndEveryKindsPrices()
    {
        var prices = PriceTable.Default;

        Assert.Equal("us-east-1", prices.Region);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", prices.Date);
        Assert.All(prices.Prices.Values, p => Assert.StartsWith("https://aws.amazon.com/", p.Source, StringComparison.Ordinal));
        foreach (var id in new[]
        {
            "s3.standardStorage", "logs.ingestion", "logs.storage", "dynamodb.onDemandRead", "dynamodb.onDemandWrite", "dynamodb.storage", "dynamodb.pitr",
            "elb.albHour", "elb.albLcu", "rds.postgres.db.t4g.micro", "rds.gp3Storage", "rds.multiAzMultiplier", "ec2.t3.small", "vpc.natGateway",
            "cloudtrail.dataEvents", "lambda.requests", "apigateway.restRequests",
        })
        {
            Assert.True(prices.Prices.ContainsKey(id), id);
        }
    }

    [Fact]
    public void Estimate_DevStack_SumsPerResourceLines()
    {
        var estimate = CostEstimator.Estimate(Fixtures.Dev());

        // Bucket: 60 GB x 0.023 + 10k PUT x 0.005/1k + 100k GET x 0.0004/1k = 1.38 + 0.05 + 0.04.
        Assert.Equal(1.47m, Line(estimate, "Bucket/models"));

        // Log group, 14 days: 5 GB x 0.50 + (5 x 14/30) GB x 0.03 = 2.50 + 0.07.
        Assert.Equal(2.57m, Line(estimate, "LogGroup/inference"));

        // Table on demand: 5M x 0.125 + 1M x 0.625 + 1 GB x (0.25 + 0.20 PITR).
        Assert.Equal(1.70m, Line(estimate, "Table/model-registry"));
        Assert.Equal(0m, Line(estimate, "Vpc/main"));

        // NAT gateway: 730 h x 0.045 + 100 GB x 0.045 = 32.85 + 4.50; its address: 730 h x 0.005.
        Assert.Equal(37.35m, Line(estimate, "NatGateway/nat-a"));
        Assert.Equal(3.65m, Line(estimate, "ElasticIp/nat-a"));

        // The S3 gateway endpoint is free.
        Assert.Equal(0m, Line(estimate, "VpcEndpoint/s3"));
        // ALB: 730 h x (0.0225 + 1 LCU x 0.008).
        Assert.Equal(22.27m, Line(estimate, "LoadBalancer/web"));
        Assert.Equal(0m, Line(estimate, "Listener/https"));
        // PostgreSQL db.t3.micro single-AZ: 730 h x 0.018 + 20 GB x 0.115 + (20 GB x 5% x 7 days) x 0.095 backups beyond the free amount.
        Assert.Equal(16.11m, Line(estimate, "DbInstance/main"));
        Assert.Equal(0m, Line(estimate, "DbSubnetGroup/main"));
        // The app tier, from its launch template: 1 x (730 h x 0.0208 + 20 GB x 0.08) = 15.18 + 1.60.
        Assert.Equal(16.78m, Line(estimate, "AutoScalingGroup/app"));
        Assert.Equal(160.52m, estimate.MonthlyUsd);
    }

    [Fact]
    public void Estimate_ProdLogsKeptLonger_CostMore()
    {
        var prod = CostEstimator.Estimate(Fixtures.Prod());

        // 90 days: 2.50 + 15 GB x 0.03.
        Assert.Equal(2.95m, Line(prod, "LogGroup/inference"));
    }

    [Fact]
    public void Delta_NewStack_IsTheWholeStack()
    {
        var stack = Fixtures.Dev();
        var plan = Planner.Compute(stack, new Dictionary<ResourceKey, ObservedResource>(), new Dictionary<ResourceKey, RecordedResource>());

        var cost = CostEstimator.Delta(plan);

        Assert.Equal(160.52m, cost.MonthlyUsd);
        Assert.Equal(160.52m, cost.DeltaUsd);
    }

    [Fact]
    public void Delta_MixedPlan_AddsCreatesRemovesDeletesIgnoresOrphans()
    {
        var cost = CostEstimator.Delta(PlanRendererTests.MixedPlan());

        // + api-access log group (2.57); inference retention 30 -> 14 days (2.65 -> 2.57); the orphaned bucket stays on the bill.
        Assert.Equal(
            [("LogGroup/api-access", 2.57m), ("LogGroup/inference", -0.08m)],
            cost.Changes.Select(c => (c.Key.ToString(), c.DeltaUsd)));
        Assert.Equal(2.49m, cost.DeltaUsd);
    }

    [Fact]
    public void CostLine_HasTheExactForm()
    {
        var stack = Fixtures.Dev();
        var plan = Planner.Compute(stack, Fixtures.InSync(stack), Fixtures.Applied(stack));

        Assert.Equal(
            "Cost: $160.52/month for the stack (+$0.00/month from this plan). Prices: us-east-1, 2026-11-26, AWS public pricing pages (aws.amazon.com/pricing).",
            PlanRenderer.CostLine(CostEstimator.Delta(plan)));
    }

    [Fact]
    public void DbInstance_MultiAz_DoublesInstanceHoursAndStorageButNotBackups()
    {
        var spec = new DbInstanceSpec
        {
            EngineVersion = "16.4",
            InstanceClass = "db.t3.medium",
            AllocatedStorage = 100,
            MultiAz = true,
            BackupRetentionDays = 14,
            DbSubnetGroup = "main",
            SecurityGroups = ["db"],
            MasterUsername = "platform",
        };

        var cost = spec.Price(PriceTable.Default);

        // 730 h x 0.072 x 2 + 100 GB x 0.115 x 2 + (100 GB x 5% x 14 days) x 0.095.
        Assert.Equal(105.12m + 23m + 6.65m, cost.Usd);
        Assert.Equal("db.t3.medium Multi-AZ, 100 GB gp3, 70 GB of backups beyond the free amount", cost.Basis);
    }

    private static decimal Line(CostEstimate estimate, string key) => estimate.Lines.Single(l => l.Key.ToString() == key).MonthlyUsd;
}
