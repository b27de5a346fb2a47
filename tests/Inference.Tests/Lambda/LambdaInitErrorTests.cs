using System.Text.Json;
using Reconciler.Inference.Tests.Keys;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Lambda;

/// <summary>A function whose models or API keys cannot load says so through init/error instead of taking invocations.</summary>
public sealed class LambdaInitErrorTests
{
    [Fact]
    public async Task ModelWithWrongChecksum_IsReportedAsInitError()
    {
        await using var runtime = await FakeLambdaRuntime.StartAsync();
        var settings = LambdaRuntimeTests.LambdaSettings(runtime.Address);
        settings["Inference:Models:0:Sha256"] = new string('a', 64);
        await using var function = await KestrelService.StartAsync(settings);

        var (errorType, body) = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.ModelNotReady", errorType);
        Assert.Contains("refusing to load it", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySecretThatCannotBeRead_IsReportedAsInitError()
    {
        SecretLoadBoundTests.UseTestCredentials();
        await using var runtime = await FakeLambdaRuntime.StartAsync();
        var settings = SecretLoadBoundTests.Settings(SecretLoadBoundTests.ClosedEndpoint(), boundSeconds: 5, LambdaRuntimeTests.LambdaSettings(runtime.Address));
        await using var function = await KestrelService.StartAsync(settings);

        var (errorType, body) = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.ApiKeysNotLoaded", errorType);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("errorMessage").GetString();
        Assert.StartsWith("API keys could not be loaded from Secrets Manager secret 'reconciler/inference-keys': ", message, StringComparison.Ordinal);
    }
}
