using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Reconciler.Inference.Tests.Support;

/// <summary>Builds protocol request bodies and reads responses.</summary>
internal static class Requests
{
    /// <summary>Real rows of the penguins dataset (an Adelie, a Chinstrap, a Gentoo).</summary>
    public static readonly float[][] KnownRows =
    [
        [39.1f, 18.7f, 181f, 3750f],
        [49.8f, 17.3f, 198f, 3675f],
        [52.5f, 15.6f, 221f, 5450f],
    ];

    /// <summary>Plausible measurements drawn from a seeded generator, so every run sends the same rows.</summary>
    public static float[][] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new[]
        {
            (float)Math.Round(32 + (random.NextDouble() * 28), 1),
            (float)Math.Round(13 + (random.NextDouble() * 8), 1),
            (float)Math.Round(170 + (random.NextDouble() * 60)),
            (float)Math.Round(2700 + (random.NextDouble() * 3600)),
        }).ToArray();
    }

    public static string Penguins(float[][] rows, string? id = null)
    {
        var data = string.Join(",", rows.SelectMany(r => r).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var idPart = id is null ? string.Empty : $"\"id\":\"{id}\",";
        return $"{{{idPart}\"inputs\":[{{\"name\":\"Features\",\"shape\":[{rows.Length},4],\"datatype\":\"FP32\",\"data\":[{data}]}}]}}";
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await ReadJsonAsync(response)).GetProperty("error").GetString()!;

    public static JsonElement Output(JsonElement response, string name) =>
        response.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name);

    public static string[] Labels(JsonElement response) =>
        Output(response, "PredictedLabel.output").GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static float[] Scores(JsonElement response) =>
        Output(response, "Score.output").GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
