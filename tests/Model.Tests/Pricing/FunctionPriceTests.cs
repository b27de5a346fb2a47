using Reconciler.Model.Pricing;
using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Pricing;

public sealed class FunctionPriceTests
{
    private static readonly FunctionSpec Function = new()
    {
        Code = new FunctionCodeSpec { Bucket = "models", Key = "lambda/inference.zip", Version = "v1" },
        Role = "inference-function",
        LogGroup = "inference-function",
    };

    [Fact]
    public void Price_At256Mb_IsAMillionRequestsAndTheirGbSecondsOfOneSecondEach()
    {
        var cost = Function.Price(PriceTable.Default);

        // 1M x 0.20/M + 1M x 1 s x 0.25 GB x 0.0000166667 = 0.20 + 4.1666750.
        Assert.Equal(4.366675m, Math.Round(cost.Usd, 6));
        Assert.Equal("1 million requests a month, 1000 ms average at 256 MB (250000 GB-seconds, x86_64)", cost.Basis);
    }

    [Fact]
    public void Price_OnArm64_UsesTheGravitonRate()
    {
        var cost = (Function with { Architecture = "arm64", MemoryMb = 1024 }).Price(PriceTable.Default);

        // 0.20 + 1M x 1 s x 1 GB x 0.0000133334.
        Assert.Equal(13.5334m, Math.Round(cost.Usd, 4));
    }
}
