using System.Net;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Models;

/// <summary>A model is ready only after its known input gave its known output.</summary>
public sealed class WarmupTests
{
    [Fact]
    public async Task Model_WhoseWarmupAnswerDiffers_IsNeverReadyAndSaysWhy()
    {
        // Version 2's bytes checked against version 1's known answers: a wrong file under a right name.
        var settings = TestSettings.With(
            ("Inference:Models:1:WarmupPath", "models/penguins/1/warmup.json"));
        await using var service = new ServiceFactory(settings);
        await service.SettledAsync();

        using var ready = await service.CreateClient().GetAsync("/v2/models/penguins/versions/2/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        Assert.Contains("warm-up of model 'penguins' version '2' failed: output 'Score.output'[0] is", await Requests.ErrorAsync(ready), StringComparison.Ordinal);

        using var blue = await service.CreateClient().GetAsync("/v2/models/penguins/versions/1/ready");
        Assert.Equal(HttpStatusCode.OK, blue.StatusCode);
        using var all = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
    }

    [Fact]
    public async Task Model_WithoutWarmupFile_IsReadyAfterAZeroInputRun()
    {
        var settings = TestSettings.With(("Inference:Models:0:WarmupPath", null), ("Inference:Models:1:WarmupPath", null));
        await using var service = new ServiceFactory(settings);
        await service.SettledAsync();

        using var ready = await service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(1, service.Metrics.Runs("penguins", "1"));
    }

    [Fact]
    public async Task Model_WithWrongFileChecksum_IsRefused()
    {
        await using var service = new ServiceFactory(TestSettings.With(("Inference:Models:0:Sha256", new string('0', 64))));
        await service.SettledAsync();

        using var ready = await service.CreateClient().GetAsync("/v2/models/penguins/versions/1/ready");
        Assert.Equal(HttpStatusCode.BadRequest, ready.StatusCode);
        Assert.Contains("but 0000000000000000000000000000000000000000000000000000000000000000 was expected; refusing to load it", await Requests.ErrorAsync(ready), StringComparison.Ordinal);
        Assert.Equal(0, service.Metrics.Runs("penguins", "1"));
    }
}
