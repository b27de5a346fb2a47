using System.Net;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Models;

/// <summary>
/// Penguins version "3" (version "2" plus <c>sandbox:fault = {"errorShare":0.05}</c>) fails one
/// request in twenty when the sandbox turns faults on, and never otherwise.
/// </summary>
public sealed class SandboxFaultTests
{
    private const int Requests100 = 100;

    [Fact]
    public async Task Infer_Version3WithSandboxFaults_FailsExactlyOneRequestInTwenty()
    {
        var statuses = await SendAsync(sandboxFaults: true);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.InternalServerError));
        Assert.Equal(95, statuses.Count(s => s == HttpStatusCode.OK));
        // Spread evenly: every 20th request, not a burst.
        Assert.Equal(HttpStatusCode.InternalServerError, statuses[19]);
        Assert.Equal(HttpStatusCode.InternalServerError, statuses[99]);
    }

    [Fact]
    public async Task Infer_Version3WithoutSandboxFaults_AnswersEveryRequest()
    {
        var statuses = await SendAsync(sandboxFaults: false);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Infer_FailedRequest_SaysItIsTheSandboxFault()
    {
        await using var service = Version3(sandboxFaults: true);
        await service.SettledAsync();
        var client = service.CreateKeyedClient();
        HttpResponseMessage? failed = null;
        for (var i = 0; i < 20 && failed is null; i++)
        {
            var response = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(2, seed: i))));
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                failed = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(failed);
        Assert.StartsWith("sandbox fault: model 'penguins' version '3'", await Requests.ErrorAsync(failed), StringComparison.Ordinal);
        failed.Dispose();
    }

    [Fact]
    public void Model_Version3_IsVersion2WithTheFaultEntryAppended()
    {
        using var v2 = TestModels.Penguins("2");
        using var v3 = TestModels.Penguins("3");
        Assert.Null(v2.Fault);
        Assert.Equal(0.05, v3.Fault!.ErrorShare);
        Assert.Equal(v2.Signature.Outputs.Select(o => o.Name), v3.Signature.Outputs.Select(o => o.Name));
    }

    private static ServiceFactory Version3(bool sandboxFaults) => new(TestSettings.With(
        ("Inference:SandboxFaults", sandboxFaults ? "true" : "false"),
        ("Inference:Models:0:Version", "3"),
        ("Inference:Models:0:Path", "models/penguins/3/model.onnx"),
        ("Inference:Models:0:Sha256", TestSettings.PenguinsV3Sha256),
        ("Inference:Models:0:WarmupPath", "models/penguins/3/warmup.json")));

    private static async Task<HttpStatusCode[]> SendAsync(bool sandboxFaults)
    {
        await using var service = Version3(sandboxFaults);
        await service.SettledAsync();
        var client = service.CreateKeyedClient();
        var statuses = new HttpStatusCode[Requests100];
        for (var i = 0; i < Requests100; i++)
        {
            using var response = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(2, seed: i))));
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }
}
