using System.Net;
using System.Text.Json;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>
/// Binary tensor data in answers: "binary_data_output" on the request or "binary_data" on an output sends outputs as
/// raw bytes after the JSON header, whose length is in Inference-Header-Content-Length.
/// </summary>
public sealed class BinaryOutputTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly ServiceFactory _service = fixture.Factory;

    [Fact]
    public async Task Infer_BinaryDataOutput_SendsEveryOutputAsBytesEqualToTheJsonValues()
    {
        var rows = Requests.Rows(7, seed: 21);
        var client = _service.CreateKeyedClient();
        var json = await Requests.ReadJsonAsync(await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(rows))));

        using var response = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Request(rows, parameters: """{"binary_data_output":true}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        var answer = await BinaryAnswer.ReadAsync(response);
        Assert.Equal(0, answer.TrailingBytes);
        Assert.Equal(response.Content.Headers.ContentLength, answer.HeaderLength + answer.Outputs.Values.Sum(b => (long)b.Length));
        var jsonOutputs = json.GetProperty("outputs").EnumerateArray().ToArray();
        var binaryOutputs = answer.Json.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(jsonOutputs.Select(o => o.GetProperty("name").GetString()), binaryOutputs.Select(o => o.GetProperty("name").GetString()));
        foreach (var (expected, actual) in jsonOutputs.Zip(binaryOutputs))
        {
            var name = expected.GetProperty("name").GetString()!;
            Assert.False(actual.TryGetProperty("data", out _), $"binary output '{name}' also carries \"data\"");
            Assert.Equal(expected.GetProperty("datatype").GetString(), actual.GetProperty("datatype").GetString());
            Assert.Equal(expected.GetProperty("shape").GetRawText(), actual.GetProperty("shape").GetRawText());
            AssertSameValues(expected, answer, name);
        }

        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], (await BinaryAnswerFor(Requests.KnownRows)).Strings("PredictedLabel.output"));
    }

    [Fact]
    public async Task Infer_BinaryDataOnOneOutput_SendsOnlyThatOneAsBytes()
    {
        var request = Request(Requests.KnownRows, outputs: """[{"name":"PredictedLabel.output"},{"name":"Score.output","parameters":{"binary_data":true}}]""");
        var client = _service.CreateKeyedClient();
        var json = await Requests.ReadJsonAsync(await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows))));

        using var response = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await BinaryAnswer.ReadAsync(response);
        Assert.Equal(["Score.output"], answer.Outputs.Keys);
        Assert.Equal(36, Requests.Output(answer.Json, "Score.output").GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.Equal(Requests.Scores(json), answer.Floats("Score.output"));
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], Requests.Labels(answer.Json));
        Assert.Equal(0, answer.TrailingBytes);
    }

    [Fact]
    public async Task Infer_BinaryDataFalseOnAnOutput_OverridesBinaryDataOutput()
    {
        var request = Request(
            Requests.KnownRows,
            outputs: """[{"name":"PredictedLabel.output","parameters":{"binary_data":false}},{"name":"Score.output"}]""",
            parameters: """{"binary_data_output":true}""");

        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));

        var answer = await BinaryAnswer.ReadAsync(response);
        Assert.Equal(["Score.output"], answer.Outputs.Keys);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], Requests.Labels(answer.Json));
    }

    [Fact]
    public async Task Infer_BinaryDataOutputFalse_AnswersPlainJson()
    {
        var request = Request(Requests.KnownRows, parameters: """{"binary_data_output":false,"other":1}""");

        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Inference-Header-Content-Length"));
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], Requests.Labels(await Requests.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task Infer_BinaryAndJsonRequestsBatchedTogetherOnKestrel_EachGetTheirOwnRowsInTheirOwnForm()
    {
        await using var service = await KestrelService.StartAsync(TestSettings.With(
            ("Inference:DynamicBatching:Enabled", "true"),
            ("Inference:DynamicBatching:MaxBatchItems", "64"),
            ("Inference:DynamicBatching:MaxDelayMicroseconds", "5000")));
        using var client = service.CreateKeyedClient();
        var rows = Enumerable.Range(0, 12).Select(i => Requests.Rows((i % 4) + 1, seed: 300 + i)).ToArray();
        var expected = new (string[] Labels, float[] Scores)[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var json = await Requests.ReadJsonAsync(await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(rows[i]))));
            expected[i] = (Requests.Labels(json), Requests.Scores(json));
        }

        var answers = await Task.WhenAll(rows.Select(async (r, i) =>
        {
            var binary = i % 2 == 0;
            using var response = await client.PostAsync(
                "/v2/models/penguins/infer", Requests.Json(binary ? Request(r, parameters: """{"binary_data_output":true}""") : Requests.Penguins(r)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (!binary)
            {
                var json = await Requests.ReadJsonAsync(response);
                return (Requests.Labels(json), Requests.Scores(json));
            }

            var answer = await BinaryAnswer.ReadAsync(response);
            Assert.Equal(0, answer.TrailingBytes);
            return (answer.Strings("PredictedLabel.output"), answer.Floats("Score.output"));
        })).WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(expected[i].Labels, answers[i].Item1);
            Assert.Equal(expected[i].Scores.Length, answers[i].Item2.Length);
            Assert.All(expected[i].Scores.Zip(answers[i].Item2), p => Assert.Equal(p.First, p.Second, 5));
        }
    }

    [Theory]
    [InlineData("""[{"name":"Probability","parameters":{"binary_data":true}}]""", null, "unknown output 'Probability'; model 'penguins' gives: ")]
    [InlineData("""[{"name":"Score.output","parameters":{"binary_data":1}}]""", null, "parameter binary_data of outputs[0] must be true or false")]
    [InlineData("""[{"name":"Score.output","parameters":true}]""", null, "\"parameters\" of outputs[0] must be an object")]
    [InlineData(null, """{"binary_data_output":"yes"}""", "parameter binary_data_output of the request must be true or false")]
    public async Task Infer_BadBinaryOutputRequest_Returns400SayingWhich(string? outputs, string? parameters, string expected)
    {
        var request = Request(Requests.KnownRows, outputs, parameters);

        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    /// <summary>A penguins request for <paramref name="rows"/>, with "outputs" and request-level "parameters" when given.</summary>
    internal static string Request(float[][] rows, string? outputs = null, string? parameters = null)
    {
        var request = Requests.Penguins(rows);
        var extra = (outputs is null ? string.Empty : $",\"outputs\":{outputs}") + (parameters is null ? string.Empty : $",\"parameters\":{parameters}");
        return request[..^1] + extra + "}";
    }

    private static void AssertSameValues(JsonElement expected, BinaryAnswer answer, string name)
    {
        var data = expected.GetProperty("data").EnumerateArray();
        switch (expected.GetProperty("datatype").GetString())
        {
            case "BYTES":
                Assert.Equal(data.Select(e => e.GetString()), answer.Strings(name));
                break;
            case "FP32":
                Assert.Equal(data.Select(e => e.GetSingle()), answer.Floats(name));
                break;
            case "INT64":
                Assert.Equal(data.Select(e => e.GetInt64()), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(answer.Outputs[name]).ToArray());
                break;
            case var other:
                Assert.Fail($"output '{name}' has datatype {other}, which this test does not compare");
                break;
        }
    }

    private async Task<BinaryAnswer> BinaryAnswerFor(float[][] rows)
    {
        var request = Request(rows, parameters: """{"binary_data_output":true}""");
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));
        return await BinaryAnswer.ReadAsync(response);
    }
}
