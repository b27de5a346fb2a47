using Reconciler.Model.Loading;
using Reconciler.Model.Pricing;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Pricing;

/// <summary>Usage figures set by the stack and by a document, and the data transfer line they drive.</summary>
public sealed class UsageTests
{
    private const string Bucket = """
        kind: Bucket
        metadata:
          name: models
        spec:
          versioning: false

        """;

    [Fact]
    public void DataTransfer_DefaultHundredGb_IsFree()
    {
        var line = DataTransfer.Line(PriceTable.Default);

        Assert.Equal("DataTransfer/out-to-internet", line.Key.ToString());
        Assert.Equal(0m, line.MonthlyUsd);
    }

    [Fact]
    public void DataTransfer_OneTerabyte_PaysForAllButTheFreeHundredGb()
    {
        var prices = PriceTable.Default.WithUsage(new Dictionary<string, decimal> { ["DataTransfer.outGbPerMonth"] = 1000 }, "test");

        // (1,000 - 100) GB x $0.09.
        Assert.Equal(81.00m, DataTransfer.Line(prices).MonthlyUsd);
    }

    [Fact]
    public void StackUsage_OverridesTheTable_ForEveryDocumentOfTheKind()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack + "  usage:\n    Bucket.storageGb: 500\n    DataTransfer.outGbPerMonth: ${var.retention}\n")
            .With("bucket.yaml", Bucket);

        var estimate = CostEstimator.Estimate(Load(folder));

        // 500 GB x 0.023 + 10k PUT x 0.005/1k + 100k GET x 0.0004/1k; 14 GB out stays under the free 100 GB.
        Assert.Equal(11.59m, estimate.Lines.Single(l => l.Key.ToString() == "Bucket/models").MonthlyUsd);
        Assert.Equal("14 GB out a month, first 100 GB free", estimate.Lines.Single(l => l.Key == DataTransfer.Key).Basis);
        Assert.Equal("spec.usage of the Stack document", estimate.Prices.Assumptions["Bucket"]["storageGb"].Why);
    }

    [Fact]
    public void DocumentUsage_WinsOverTheStacks_ForThatDocumentOnly()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack + "  usage:\n    Bucket.storageGb: 500\n")
            .With("bucket.yaml", Bucket + "---\n" + Bucket.Replace("name: models", "name: logs\n  usage:\n    storageGb: 10", StringComparison.Ordinal));

        var estimate = CostEstimator.Estimate(Load(folder));

        Assert.Equal(11.59m, estimate.Lines.Single(l => l.Key.ToString() == "Bucket/models").MonthlyUsd);

        // 10 GB x 0.023 + the same requests.
        Assert.Equal(0.32m, estimate.Lines.Single(l => l.Key.ToString() == "Bucket/logs").MonthlyUsd);
    }

    [Fact]
    public void CostReport_ListsEveryLineTheTotalAndWhereUsageWasSet()
    {
        using var folder = new TempFolder()
            .With("stack.yaml", Documents.Stack + "  usage:\n    DataTransfer.outGbPerMonth: 1000\n")
            .With("bucket.yaml", Bucket.Replace("name: models", "name: models\n  usage:\n    storageGb: 500", StringComparison.Ordinal));
        var stack = Load(folder);
        var estimate = CostEstimator.Estimate(stack);

        var text = CostReport.Text(stack, estimate);
        var markdown = CostReport.Markdown(stack, estimate);

        Assert.Contains("Bucket/models                 $11.59  500 GB stored", text, StringComparison.Ordinal);
        Assert.Contains("DataTransfer/out-to-internet  $81.00  1,000 GB out a month", text, StringComparison.Ordinal);
        Assert.Contains("Total: $92.59/month", text, StringComparison.Ordinal);
        Assert.Contains("DataTransfer.outGbPerMonth = 1,000: spec.usage of the Stack document", text, StringComparison.Ordinal);
        Assert.Contains("Bucket/models: storageGb = 500 (metadata.usage)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Table.", text, StringComparison.Ordinal);
        Assert.Contains("| Bucket/models | 11.59 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **Total** | **92.59** | |", markdown, StringComparison.Ordinal);
    }

    private static Stacks.DesiredStack Load(TempFolder folder)
    {
        var result = DesiredStateLoader.Load(folder.Path);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Stack!;
    }
}
