using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>One ModifyListener request as the emulator received it: who signed it, when, and green's weight in it.</summary>
internal sealed record WeightWrite(string AccessKeyId, DateTimeOffset SignedAt, int Green)
{
    public override string ToString() => $"{AccessKeyId} at {SignedAt:HH:mm:ss}: green {Green} %";
}

/// <summary>
/// The listener weights written, in the order the emulator received them, from moto's own
/// request recorder (/moto-api/recorder): independent of the controller's request log, and the
/// one place that sees the values sent by every replica, including a request sent by a process
/// killed before it could log it. Each request names its sender by the access key it was signed
/// with (<see cref="Daemon.ReplicaProcess.AccessKeyId"/>) and its time by X-Amz-Date (whole seconds).
/// </summary>
internal sealed class ListenerWeightWrites(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Forgets what was recorded and records every request from now on.</summary>
    public async Task StartAsync()
    {
        (await _http.PostAsync("/moto-api/recorder/reset-recording", null)).EnsureSuccessStatusCode();
        (await _http.PostAsync("/moto-api/recorder/start-recording", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Every ModifyListener received since <see cref="StartAsync"/>, in order, with <paramref name="greenArn"/>'s weight.</summary>
    public async Task<IReadOnlyList<WeightWrite>> ReadAsync(string greenArn)
    {
        var recording = await _http.GetStringAsync("/moto-api/recorder/download-recording");
        var writes = new List<WeightWrite>();
        foreach (var line in recording.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = JsonNode.Parse(line)!;
            var body = (string?)entry["body"] ?? "";
            if ((bool?)entry["body_encoded"] == true)
            {
                body = Encoding.UTF8.GetString(Convert.FromBase64String(body));
            }

            var form = body.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')), StringComparer.Ordinal);
            if (form.GetValueOrDefault("Action") != "ModifyListener")
            {
                continue;
            }

            const string Groups = "DefaultActions.member.1.ForwardConfig.TargetGroups.member.";
            var green = Enumerable.Range(1, 2).Single(i => form.GetValueOrDefault($"{Groups}{i}.TargetGroupArn") == greenArn);
            var authorization = (string)entry["headers"]!["Authorization"]!;
            var credential = authorization[(authorization.IndexOf("Credential=", StringComparison.Ordinal) + "Credential=".Length)..];
            writes.Add(new WeightWrite(
                credential[..credential.IndexOf('/', StringComparison.Ordinal)],
                DateTimeOffset.ParseExact((string)entry["headers"]!["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                int.Parse(form[$"{Groups}{green}.Weight"], CultureInfo.InvariantCulture)));
        }

        return writes;
    }

    public void Dispose()
    {
        try
        {
            _http.PostAsync("/moto-api/recorder/stop-recording", null).GetAwaiter().GetResult().Dispose();
        }
        catch (HttpRequestException)
        {
            // The emulator is gone: nothing records.
        }

        _http.Dispose();
    }
}
